// How an Event maps to a row of the `events` table
// (migrations/sqlite/0001_events.sql) and back. Internal to
// SqliteEventStore; kept apart so that the column list lives in one place.
//
//   auto insert = db.prepare(insertEventsSql(2));    // two rows per statement
//   bindEvent(*insert, 0, first);  bindEvent(*insert, 1, second);  insert->run();
//   auto select = db.prepare(std::string("SELECT ") + kEventColumns + " FROM events ...");
//   StoredEvent row = readEvent(*select);
//
// Reading is lenient: a name this binary does not know (written by a newer
// version) reads as the field's default rather than failing the whole query.
//
// Thread safety: pure functions over the caller's Statement.
#pragma once

#include <string>

#include "event_log/event_store.h"
#include "sqlite/statement.h"

namespace esafety::events {

// Columns bound per event.
inline constexpr int kEventInsertColumns = 26;
// "INSERT INTO events (...) VALUES (?, ...), (?, ...), ..." for `rows`
// rows: row r's columns are parameters r * 24 + 1 .. r * 24 + 24.
std::string insertEventsSql(size_t rows);
// The columns readEvent() expects, in order, for a SELECT.
extern const char* const kEventColumns;

// The text a row binds that is not in the Event itself (client address,
// host, reversed host). bindEvent binds without copying, so each row's
// scratch and the Event must stay unchanged until the INSERT has run; reused
// from batch to batch, it allocates nothing once warm.
struct EventRowText {
  std::string client_ip;
  std::string host;
  std::string host_rev;
};

// Binds `event` as row `row` (0-based) of an insertEventsSql() statement.
void bindEvent(sqlite::Statement& insert, int row, const Event& event,
               EventRowText& scratch);
StoredEvent readEvent(const sqlite::Statement& row);

}  // namespace esafety::events
