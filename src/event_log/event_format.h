// How stored events are shown to people and exported: a table a teacher can
// read in a terminal, RFC 4180 CSV with a header row (for a spreadsheet),
// and JSON (an array of objects, for scripts). Used by `esafety logs`; the
// console's exports will use the same code.
//
//   std::fputs(eventsTable(rows, terminalWidth).c_str(), stdout);
//   std::fputs(eventsCsv(rows).c_str(), stdout);
//   std::fputs(eventsJson(rows).c_str(), stdout);
//
// Everything in an event came from the network (URLs, search terms) or from
// an MIS (names), so it is untrusted: the table replaces control characters
// and invalid UTF-8 so nothing can drive the terminal; CSV prefixes text that
// a spreadsheet would run as a formula (=, +, -, @) with an apostrophe; JSON
// replaces invalid UTF-8 rather than failing.
//
// Times are local (see event_time.h). Pure functions; any thread.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "event_log/event_store.h"

namespace esafety::events {

// "allowed", "blocked", "rewritten": the table's words for a verdict.
std::string_view decisionWord(policy::Verdict verdict);

// Columns TIME, CLIENT, WHO (user and device), GROUP, DECISION, CATEGORY,
// URL; the URL is cut with "…" so each line fits in `width` columns.
std::string eventsTable(std::span<const StoredEvent> rows, size_t width);
std::string eventsCsv(std::span<const StoredEvent> rows);
// An array of eventJson (event_json.h), the console's shape.
std::string eventsJson(std::span<const StoredEvent> rows);

// Exposed for tests: the table's cleaning and cutting of one cell.
std::string terminalSafe(std::string_view text);
std::string cutToWidth(std::string_view clean_text, size_t width);

}  // namespace esafety::events
