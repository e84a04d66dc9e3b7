// SqliteAlertFeed: the rule engine's view of <data>/events.db
// (alerts/event_feed.h), over its own read-only connection so that the
// engine never holds up the event writer (WAL readers do not wait).
//
//   auto feed = SqliteAlertFeed::open(events::eventsDatabasePath(dir.root), clock);
//   alerts::AlertEngine engine(*store, *store, **feed, {});
//
// Thread safety: one thread (the engine's).
#pragma once

#include <memory>
#include <string>

#include "alerts/event_feed.h"
#include "core/clock.h"
#include "event_log/sqlite_event_store.h"

namespace esafety::control {

class SqliteAlertFeed final : public alerts::EventFeed {
 public:
  static Result<std::unique_ptr<SqliteAlertFeed>> open(const std::string& path, const Clock& clock);

  Result<std::vector<alerts::FeedEvent>> after(int64_t after_id, int limit) override;
  Result<std::optional<alerts::FeedEvent>> byReference(int64_t school, uint64_t reference) override;

 private:
  explicit SqliteAlertFeed(std::unique_ptr<events::SqliteEventStore> events)
      : events_(std::move(events)) {}
  std::unique_ptr<events::SqliteEventStore> events_;
};

}  // namespace esafety::control
