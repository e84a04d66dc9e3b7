// An event's JSON, written once: the console's activity search answers with
// it and `esafety logs --format json` prints an array of it, so a script and
// the web console read the same fields (docs/api/openapi.yaml, Event).
//
//   {"id", "reference": "ES-7K3Q-9D2M" ("" for an event without one),
//    "time_ms" (Unix ms), "time" (local, "2026-03-03 12:15:02"), "kind",
//    "client_ip", "device_id", "device", "user_id", "user", "group",
//    "decision", "step", "category", "method", "url", "host", "search_terms",
//    "status", "bytes_in", "bytes_out", "duration_us", "scores", "tags",
//    "truncated"}
//
// URLs, search terms and names came from the network or an MIS: a caller
// dumping the JSON replaces invalid UTF-8 (error_handler_t::replace) rather
// than failing.
//
// Pure function; any thread.
#pragma once

#include <nlohmann/json.hpp>

#include "event_log/event_store.h"

namespace esafety::events {

nlohmann::json eventJson(const StoredEvent& row);

}  // namespace esafety::events
