// The JSON of each entity, written once: the console's API answers with it
// and the CLI's --json output prints it, so a script and the web console see
// the same fields, names and types. docs/api/openapi.yaml describes the same
// shapes (components/schemas), and the console's TypeScript types come from
// there. An event's JSON lives with the event log (event_log/event_json.h).
//
//   std::printf("%s\n", personJson(record).dump(2).c_str());   // esafety people list --format json
//   return jsonResponse(200, {{"people", people}});             // the console, same objects
//
// Times are Unix milliseconds ("until_ms", "at_ms"), as JavaScript's Date
// takes them; 0 means "not set" (a sanction until lifted). The alerts,
// records and AUP work add their entities' encoders here.
//
// Pure functions; any thread.
#pragma once

#include <nlohmann/json.hpp>

#include "control/device_admin.h"
#include "control/people_admin.h"
#include "identity/model.h"

namespace esafety::control {

// {"id", "kind": "deactivate"|"restrict", "until_ms" (0: until lifted),
//  "reason", "by", "at_ms"}
nlohmann::json sanctionJson(const identity::Sanction& sanction);
// sanctionJson with "person": {"id", "name", "kind", "upn", "login"}: the
// list of sanctions in force.
nlohmann::json sanctionJson(const identity::Sanction& sanction, const identity::Person& person);
// {"id", "kind", "name", "role", "login", "upn", "date_of_birth", "year"
//  (0 Reception .. 6, -1 none), "year_name", "class", "sanctions": [sanctionJson]}
nlohmann::json personJson(const PersonRecord& record);
// {"id", "name", "type", "room", "mac", "ip", "dhcp_reservation", "group",
//  "checkout": null | {"pupil", "upn", "until_ms", "by"}}
nlohmann::json deviceJson(const DeviceRecord& record);

// "Year 3", "Reception"; "" for no year.
std::string yearName(int year);

}  // namespace esafety::control
