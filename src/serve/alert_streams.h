// Private to src/serve: what the alerts pages' live streams carry (issue 14:
// an alert reaches the DSL's open alerts page within a second of the engine
// storing it, pushed, not polled). GET /api/v1/alerts/stream is a
// server-sent event stream on the topic "alerts" of the console's
// LiveStreams (live_streams.h); console_service.cc writes it.
//
//   AlertStreams alerts(&notifier, AlertWatch(store, school, clock), live, post);
//   alerts.start();                                       // primes the watch, listens
//   auto s = live.open("10.0.0.5", AlertStreams::kTopic, wake);
//
// A notice from the engine or a triage (alerts/alert_notifier.h) arrives on
// the notifying thread and is handed to the console's thread with `post`
// (handoff.h). There one AlertWatch query finds the new or changed alerts,
// and each open alerts stream gets each as "event: alert" with the alert's
// JSON (control/alert_json.h).
//
// Thread safety: all but the notifier's callback on the console's thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "alerts/alert_notifier.h"
#include "control/alert_watch.h"
#include "core/status.h"
#include "serve/handoff.h"
#include "serve/live_streams.h"

namespace esafety::serve {

class AlertStreams {
 public:
  static constexpr std::string_view kTopic = "alerts";

  // `notifier` may be null (no engine in this process: nothing is pushed).
  AlertStreams(alerts::AlertNotifier* notifier, control::AlertWatch watch, LiveStreams& live,
               Handoff<int64_t>::Post post);
  ~AlertStreams();
  AlertStreams(const AlertStreams&) = delete;
  AlertStreams& operator=(const AlertStreams&) = delete;

  // Remembers the alerts there now (they are not news) and starts listening.
  Status start();

  // Runs the watch and queues what it found (public for tests; the
  // notifier's callback posts it).
  void deliver(const std::vector<int64_t>& ids);

 private:
  alerts::AlertNotifier* notifier_;
  control::AlertWatch watch_;
  LiveStreams& live_;
  Handoff<int64_t> handoff_;
  int64_t listener_ = 0;
};

}  // namespace esafety::serve
