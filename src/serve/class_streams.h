// Private to src/serve: what the class view's live streams carry (issue 14,
// item 4: the teacher sees the room's browsing as it happens, pushed, not
// polled). GET /api/v1/classview/stream?room= is a server-sent event stream
// on the room's topic (topic(room)) of the console's LiveStreams
// (live_streams.h); console_service.cc writes it once the console has said
// the caller may see that room.
//
//   ClassStreams classes(&activity, &publisher.published(), live, devices, clock, post);
//   classes.start();
//   auto s = live.open(ip, ClassStreams::topic("Oak"), wake);
//
// It carries two kinds of event:
//   - "visit": each event the alert engine reads (alerts/activity_notifier.h)
//     from a device in the room, as the event log's JSON
//     (event_log/event_json.h), so the page adds it to the device's visits;
//   - "restrictions": a device restriction changed anywhere (the console,
//     or the command line as the proxy picks it up), so the page reads the
//     room again.
// Which room a device is in comes from the devices (`devices`), read again
// when a visit arrives and the last read is older than kRoomsMaxAgeMs: a
// device moved to another room shows there within that.
//
// The engine's thread only hands events over, and only while some live
// stream is open. Thread safety: all but the notifiers' callbacks on the
// console's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "alerts/activity_notifier.h"
#include "core/clock.h"
#include "core/listeners.h"
#include "core/status.h"
#include "policy/model.h"
#include "serve/handoff.h"
#include "serve/live_streams.h"

namespace esafety::serve {

class ClassStreams {
 public:
  using Devices = std::function<Result<std::vector<policy::Device>>()>;
  static constexpr int64_t kRoomsMaxAgeMs = 10'000;

  // The stream topic of a room ("class:" and the room's name in lower case).
  static std::string topic(std::string_view room);

  // `activity` and `restrictions` may be null (nothing of that kind is pushed).
  ClassStreams(alerts::ActivityNotifier* activity, Listeners<int64_t>* restrictions, LiveStreams& live,
               Devices devices, const Clock& clock, Handoff<alerts::FeedEvent>::Post post);
  ~ClassStreams();
  ClassStreams(const ClassStreams&) = delete;
  ClassStreams& operator=(const ClassStreams&) = delete;

  void start();

  // Queues each event for its room's streams (public for tests; the
  // activity notifier's callback posts it).
  void deliver(const std::vector<alerts::FeedEvent>& events);
  // Tells every class stream that restrictions changed (public for tests).
  void restrictionsChanged();

 private:
  Status readRooms();

  alerts::ActivityNotifier* activity_;
  Listeners<int64_t>* restrictions_;
  LiveStreams& live_;
  Devices devices_;
  const Clock& clock_;
  std::unordered_map<int64_t, std::string> topic_of_device_;  // rooms' devices only
  int64_t rooms_read_ms_ = -1;
  Handoff<alerts::FeedEvent> visits_;
  Handoff<int64_t> changes_;
  int64_t activity_listener_ = 0;
  int64_t restrictions_listener_ = 0;
};

}  // namespace esafety::serve
