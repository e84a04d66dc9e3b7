#include "control/alert_feed.h"

namespace esafety::control {

Result<std::unique_ptr<SqliteAlertFeed>> SqliteAlertFeed::open(const std::string& path,
                                                               const Clock& clock) {
  auto events = events::SqliteEventStore::open(path, clock, {.read_only = true});
  if (!events) return events.status();
  return std::unique_ptr<SqliteAlertFeed>(new SqliteAlertFeed(std::move(*events)));
}

Result<std::vector<alerts::FeedEvent>> SqliteAlertFeed::after(int64_t after_id, int limit) {
  auto rows = events_->after(after_id, limit);
  if (!rows) return rows.status();
  std::vector<alerts::FeedEvent> out;
  out.reserve(rows->size());
  for (auto& row : *rows) out.push_back({row.id, row.event});
  return out;
}

Result<std::optional<alerts::FeedEvent>> SqliteAlertFeed::byReference(int64_t school,
                                                                       uint64_t reference) {
  events::EventQuery q;
  q.school = school;
  q.reference = reference;
  q.limit = 1;
  auto rows = events_->query(q);
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<alerts::FeedEvent>();
  return std::optional<alerts::FeedEvent>(alerts::FeedEvent{rows->front().id, rows->front().event});
}

}  // namespace esafety::control
