// ActivityNotifier: hands the events the alert engine has just read (and
// whose pass committed) to whoever listens in this process, so that the
// class view is pushed each device's visits as they happen (issue 14, item
// 4) without a second reader of the event log.
//
//   ActivityNotifier activity;
//   auto id = activity.listen([&](const std::vector<FeedEvent>& events) { post(...); });
//   // the engine, after each pass that read events: activity.notify(events)
//
// The events are the school's, oldest first, in batches of at most the
// engine's batch size. A listener is called on the engine's thread and must
// only hand them on, and should cost nothing when no page is open.
//
// Thread safety: every method from any thread (core/listeners.h).
#pragma once

#include <vector>

#include "alerts/event_feed.h"
#include "core/listeners.h"

namespace esafety::alerts {

class ActivityNotifier : public Listeners<std::vector<FeedEvent>> {};

}  // namespace esafety::alerts
