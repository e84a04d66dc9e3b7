// The event log's figures for a termly report (control/school_report.h):
// how many requests in a span and the blocked ones counted by group and
// category. SQLite aggregates them as it reads through the `events_blocked`
// partial index, so a term of millions of events is never held in memory:
// the result is one row per group and category.
//
//   auto b = blocksByGroupAndCategory(store, school, from_ms, to_ms);
//   for (const auto& row : b->rows) use(row.group, row.category, row.blocked);
//
// Threads: as the store (one instance per thread).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "event_log/sqlite_event_store.h"

namespace esafety::events {

struct GroupCategoryCount {
  std::string group;     // "" reads as "(no group)"
  std::string category;  // "" reads as "(no category)"
  int64_t blocked = 0;
};

struct BlockFigures {
  int64_t requests = 0;  // every event in the span
  int64_t blocked = 0;
  std::vector<GroupCategoryCount> rows;  // by group, then most blocked first
};

Result<BlockFigures> blocksByGroupAndCategory(SqliteEventStore& store, int64_t school,
                                              int64_t from_ms, int64_t to_ms);

}  // namespace esafety::events
