// Private to src/serve: the alerts pages' live streams (issue 14: an alert
// reaches the DSL's open alerts page within a second of the engine storing
// it, pushed, not polled). GET /api/v1/alerts/stream is a server-sent event
// stream; console_service.cc writes it, this class decides what goes in it.
//
//   AlertStreams streams(&notifier, AlertWatch(store, school, clock), limits, post);
//   streams.start();                                    // primes the watch, listens
//   auto s = streams.open("10.0.0.5", [&] { timer.cancel(); });
//   if (!s) refuse(streams.lastRefusal());              // over a cap
//   for (std::string m : s->take()) write(m);           // on each wake
//   streams.close(s);                                   // the client went away
//   streams.endAll();                                   // serve's shutdown
//
// A notice from the engine or a triage (alerts/alert_notifier.h) arrives on
// the notifying thread and is handed to the console's thread with `post`
// (notices that arrive while one is pending go with it). There one
// AlertWatch query finds the new or changed alerts, and each open stream
// gets each as "event: alert" with the alert's JSON (control/alert_json.h).
// A stream more than `max_queued` messages behind (a client that does not
// read) is ended rather than grown.
//
// Asio-free: the caller owns the sockets and timers. Thread safety: all but
// the notifier's callback on the console's thread.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "alerts/alert_notifier.h"
#include "control/alert_watch.h"
#include "core/mutex.h"
#include "core/status.h"

namespace esafety::serve {

class AlertStreams {
 public:
  struct Limits {
    uint32_t max_total = 64;
    uint32_t max_per_client = 4;
    size_t max_queued = 256;
  };
  enum class Refusal { kNone, kTotal, kPerClient, kEnded };
  using Post = std::function<void(std::function<void()>)>;

  // One open page's stream.
  class Stream {
   public:
    // The messages to write, in order (each a whole SSE event); clears them.
    std::deque<std::string> take() { return std::exchange(pending_, {}); }
    bool ended() const { return ended_; }
    const std::string& client() const { return client_; }

   private:
    friend class AlertStreams;
    std::string client_;
    std::function<void()> wake_;
    std::deque<std::string> pending_;
    bool ended_ = false;
  };

  // `notifier` may be null (no engine in this process: nothing is pushed).
  AlertStreams(alerts::AlertNotifier* notifier, control::AlertWatch watch, Limits limits, Post post);
  ~AlertStreams();
  AlertStreams(const AlertStreams&) = delete;
  AlertStreams& operator=(const AlertStreams&) = delete;

  // Remembers the alerts there now (they are not news) and starts listening.
  Status start();
  // A new stream for `client`, whose `wake` is called (on this thread) when
  // it has messages or has been ended; null over a cap or after endAll().
  std::shared_ptr<Stream> open(const std::string& client, std::function<void()> wake);
  Refusal lastRefusal() const { return last_refusal_; }
  void close(const std::shared_ptr<Stream>& stream);
  // Ends every stream and refuses new ones.
  void endAll();
  size_t openCount() const { return streams_.size(); }

  // Runs the watch and queues what it found (public for tests; the
  // notifier's callback posts it).
  void deliver(const std::vector<int64_t>& ids);

 private:
  void onNotice(const std::vector<int64_t>& ids);
  void end(Stream& stream);

  alerts::AlertNotifier* notifier_;
  control::AlertWatch watch_;
  Limits limits_;
  Post post_;
  int64_t listener_ = 0;
  bool ended_all_ = false;
  Refusal last_refusal_ = Refusal::kNone;
  std::vector<std::shared_ptr<Stream>> streams_;
  std::unordered_map<std::string, uint32_t> per_client_;
  // Notices handed over from the notifying thread, not yet delivered.
  Mutex mutex_;
  bool posted_ GUARDED_BY(mutex_) = false;
  std::vector<int64_t> pending_ids_ GUARDED_BY(mutex_);
  // Checked by a posted delivery: the streams may be gone by the time it runs.
  std::shared_ptr<AlertStreams*> self_;
};

}  // namespace esafety::serve
