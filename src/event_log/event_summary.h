// A day's (or any span's) figures for the console's dashboard: how many
// requests, how many blocked, blocked by category and the most-blocked sites.
//
//   auto s = summariseEvents(store, school, day_start_ms, day_end_ms, 10);
//   if (!s) return s.status();
//   s->blocked; s->categories[0].first;   // "games"
//
// Reads through the `events_blocked` partial index, so the cost follows the
// blocked rows in the span, not every request. Threads: as the store.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "event_log/sqlite_event_store.h"

namespace esafety::events {

struct EventSummary {
  int64_t requests = 0;  // every event in the span (web, tunnels, DNS)
  int64_t blocked = 0;
  std::vector<std::pair<std::string, int64_t>> categories;   // blocked, most first
  std::vector<std::pair<std::string, int64_t>> blocked_hosts;  // most first
};

// Every event of `school` with time in [from_ms, to_ms).
Result<int64_t> countEventsInSpan(EventStore& store, int64_t school, int64_t from_ms,
                                  int64_t to_ms);

Result<EventSummary> summariseEvents(SqliteEventStore& store, int64_t school, int64_t from_ms,
                                     int64_t to_ms, int top);

}  // namespace esafety::events
