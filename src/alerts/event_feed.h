// EventFeed: how the rule engine reads the event log in the order it was
// written, without knowing where it lives (control/alert_feed.h reads
// <data>/events.db over its own read-only connection).
//
// Thread safety: one thread (the engine's).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/status.h"
#include "events/event.h"

namespace esafety::alerts {

struct FeedEvent {
  int64_t id = 0;  // the event log's id: increases in the order written
  events::Event event;
};

class EventFeed {
 public:
  virtual ~EventFeed() = default;
  // Up to `limit` events with id > `after_id`, oldest first.
  virtual Result<std::vector<FeedEvent>> after(int64_t after_id, int limit) = 0;
  // The event with this block-page reference, if the log has it.
  virtual Result<std::optional<FeedEvent>> byReference(int64_t school, uint64_t reference) = 0;
};

}  // namespace esafety::alerts
