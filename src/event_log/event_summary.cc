#include "event_log/event_summary.h"

namespace esafety::events {
namespace {

using sqlite::Statement;

// Runs a "SELECT name, count" query bound with (school, from, to, limit).
Result<std::vector<std::pair<std::string, int64_t>>> counts(sqlite::Database& db,
                                                            const char* sql, int64_t school,
                                                            int64_t from_ms, int64_t to_ms,
                                                            int64_t limit) {
  std::vector<std::pair<std::string, int64_t>> out;
  auto st = db.prepare(sql);
  if (!st) return st.status();
  st->bind(1, school).bind(2, from_ms).bind(3, to_ms).bind(4, limit);
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) break;
    out.emplace_back(st->textAt(0), st->int64At(1));
  }
  return out;
}

}  // namespace

Result<int64_t> countEventsInSpan(EventStore& store, int64_t school, int64_t from_ms,
                                  int64_t to_ms) {
  EventQuery all;
  all.school = school;
  all.from_ms = from_ms;
  all.to_ms = to_ms;
  return store.count(all);
}

Result<EventSummary> summariseEvents(SqliteEventStore& store, int64_t school, int64_t from_ms,
                                     int64_t to_ms, int top) {
  EventSummary s;
  auto requests = countEventsInSpan(store, school, from_ms, to_ms);
  if (!requests) return requests.status();
  s.requests = *requests;
  // A log nobody has written yet has no table to read.
  if (s.requests == 0) return s;

  auto& db = store.database();
  auto categories = counts(db,
                           "SELECT category, count(*) AS n FROM events"
                           " WHERE school_id = ?1 AND verdict = 'block' AND time_ms >= ?2 AND time_ms < ?3"
                           " GROUP BY category ORDER BY n DESC, category LIMIT ?4",
                           school, from_ms, to_ms, -1);
  if (!categories) return categories.status();
  for (const auto& [name, n] : *categories) s.blocked += n;
  s.categories = std::move(*categories);
  if (s.categories.size() > static_cast<size_t>(top)) s.categories.resize(top);
  for (auto& [name, n] : s.categories) {
    if (name.empty()) name = "(no category)";
  }

  auto hosts = counts(db,
                      "SELECT host, count(*) AS n FROM events"
                      " WHERE school_id = ?1 AND verdict = 'block' AND time_ms >= ?2 AND time_ms < ?3"
                      " GROUP BY host ORDER BY n DESC, host LIMIT ?4",
                      school, from_ms, to_ms, top);
  if (!hosts) return hosts.status();
  s.blocked_hosts = std::move(*hosts);
  return s;
}

}  // namespace esafety::events
