// SqliteEventStore: the event log in its own SQLite file, <data>/events.db,
// apart from the policy store so that a busy data plane never holds the lock
// a teacher's policy change needs (DESIGN.md §5).
//
// Opened the store's way (sqlite/database.h): WAL, synchronous=NORMAL.
// With WAL, a committed batch survives the process being killed; a power cut
// may lose the last commits before a checkpoint, never the file. A batch is
// one transaction of multi-row INSERTs (kRowsPerInsert rows each).
//
//   SystemClock clock;
//   auto store = SqliteEventStore::open(eventsDatabasePath(dir.root), clock, {});
//   if (!store) return store.status();
//   ESAFETY_RETURN_IF_ERROR((*store)->append(batch));           // the writer thread
//
//   auto reader = SqliteEventStore::open(path, clock, {.read_only = true});
//   auto rows = (*reader)->query(q);                             // another thread
//
// A read-only open of a file nobody has written a schema to yet is not an
// error: it holds no events, and query() and count() say so.
//
// Threads: one instance per thread (see event_store.h). Several processes
// may open the same file: WAL readers never wait for the writer, and a
// second writer waits up to busy_timeout_ms before append() fails with
// kUnavailable.
#pragma once

#include <array>
#include <optional>

#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "event_log/event_store.h"
#include "event_log/sqlite_event_rows.h"
#include "sqlite/database.h"

namespace esafety::events {

// <data>/events.db for the data folder `data_root` (control::DataDir::root).
inline std::string eventsDatabasePath(std::string_view data_root) {
  return std::string(data_root) + "/events.db";
}

struct SqliteEventStoreOptions {
  bool read_only = false;
  int busy_timeout_ms = 2000;
};

class SqliteEventStore final : public EventStore {
 public:
  // Opens or (unless read_only) creates the file and brings its schema up to
  // date. kDataLoss for a file that is not SQLite; kFailedPrecondition for a
  // newer schema or another program's tables.
  static Result<std::unique_ptr<SqliteEventStore>> open(const std::string& path, const Clock& clock,
                                                        const SqliteEventStoreOptions& options);

  Status append(std::span<const Event> events) override;
  Result<std::vector<StoredEvent>> query(const EventQuery& query) override;
  Result<int64_t> count(const EventQuery& query) override;
  // Events with id > after_id, oldest first, at most `limit`: the alert
  // engine's tail of the log (ids only grow, so a cursor never misses one).
  Result<std::vector<StoredEvent>> after(int64_t after_id, int64_t limit);
  // The events with these ids that the log has, in id order (an alert's
  // evidence); at most 1000 ids.
  Result<std::vector<StoredEvent>> byIds(const std::vector<int64_t>& ids);
  // Events not yet in the search index (search_index.h), and indexing them.
  int64_t backlog() const override { return last_id_ - indexed_through_; }
  Result<int64_t> catchUp(int64_t max_events) override;

  // The connection, for checks such as PRAGMA integrity_check in tests and
  // for a future retention job.
  sqlite::Database& database() { return *db_; }

 private:
  explicit SqliteEventStore(std::unique_ptr<sqlite::Database> db) : db_(std::move(db)) {}

  // query() and count() for a filter the search index can answer: the
  // indexed events through its key, plus the newer ones read directly.
  Result<std::vector<StoredEvent>> queryIndexed(const EventQuery& q, const std::string& key);
  Result<int64_t> countIndexed(const EventQuery& q, const std::string& key);

  // Rows per INSERT statement: 40 x 24 = 960 parameters, under SQLite's
  // limit of 32766 and large enough that preparing costs little per row.
  static constexpr size_t kRowsPerInsert = 40;

  std::unique_ptr<sqlite::Database> db_;
  std::string full_chunk_sql_;  // insertEventsSql(kRowsPerInsert), built once
  // The full-chunk INSERT, prepared once and reset for each chunk; declared
  // after db_ so it is finalised before the database closes.
  std::optional<sqlite::Statement> full_chunk_;
  std::array<EventRowText, kRowsPerInsert> row_text_;  // bound without copying
  bool read_only_ = false;
  bool has_schema_ = true;
  // The writer's view of the search index: the newest event id it stored
  // and the newest one indexed (readers ask the database each time).
  int64_t last_id_ = 0;
  int64_t indexed_through_ = 0;
};

}  // namespace esafety::events
