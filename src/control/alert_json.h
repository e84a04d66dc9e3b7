// An alert's JSON, written once for `esafety alerts --json` and the
// console's Alerts routes (docs/api/openapi.yaml: Alert, AlertDetail).
//
//   Alert: {"id", "level" (1-5), "state", "category", "rule", "why",
//           "person": {"user_id", "user", "device_id", "device", "client_ip",
//                      "group"},
//           "first_seen_ms", "last_seen_ms", "evidence_count", "created_ms"}
//   AlertDetail: Alert with "evidence": [{"source", "source_id", "event_id",
//           "time_ms", "rule", "why", "event": Event | null}] (oldest first),
//           "evidence_kept", and "actions": [{"id", "at_ms", "by", "action",
//           "note", "note_error"}] (oldest first; notes opened), and
//           "escalations": [{"rung" (0: the first mail), "rota" ("in_hours",
//           "out_of_hours"), "target" ("role:dsl"), "addresses", "outcome"
//           ("mailed", "no_address", "nobody"), "mail_id", "at_ms"}] (by rung)
//
// Pure functions; any thread.
#pragma once

#include <nlohmann/json.hpp>

#include "control/alert_admin.h"

namespace esafety::control {

nlohmann::json alertJson(const alerts::Alert& alert);
nlohmann::json alertDetailJson(const AlertView& view);

}  // namespace esafety::control
