#include "event_log/event_report.h"

#include "event_log/event_summary.h"

namespace esafety::events {

Result<BlockFigures> blocksByGroupAndCategory(SqliteEventStore& store, int64_t school,
                                              int64_t from_ms, int64_t to_ms) {
  BlockFigures out;
  auto requests = countEventsInSpan(store, school, from_ms, to_ms);
  if (!requests) return requests.status();
  out.requests = *requests;
  // A log nobody has written yet has no table to read.
  if (out.requests == 0) return out;

  auto st = store.database().prepare(
      "SELECT group_name, category, count(*) AS n FROM events"
      " WHERE school_id = ?1 AND verdict = 'block' AND time_ms >= ?2 AND time_ms < ?3"
      " GROUP BY group_name, category ORDER BY group_name, n DESC, category");
  if (!st) return st.status();
  st->bind(1, school).bind(2, from_ms).bind(3, to_ms);
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    GroupCategoryCount c{st->textAt(0), st->textAt(1), st->int64At(2)};
    if (c.group.empty()) c.group = "(no group)";
    if (c.category.empty()) c.category = "(no category)";
    out.blocked += c.blocked;
    out.rows.push_back(std::move(c));
  }
  return out;
}

}  // namespace esafety::events
