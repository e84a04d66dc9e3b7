// Private to src/serve: the console's open live streams (server-sent events)
// under one set of caps, whatever page opened them: the alerts page
// (alert_streams.h, topic "alerts") and the class view (class_streams.h, a
// topic per room). console_service.cc writes each stream to its socket;
// the feeds decide what goes in it and push() it to a topic.
//
//   LiveStreams live({.max_total = 64, .max_per_client = 4});
//   auto s = live.open("10.0.0.5", "alerts", [&] { timer.cancel(); });
//   if (!s) refuse(live.lastRefusal());             // over a cap
//   live.push("alerts", {"event: alert\ndata: {...}\n\n"});
//   for (std::string m : s->take()) write(m);       // on each wake
//   live.close(s);                                   // the client went away
//   live.endAll();                                   // serve's shutdown
//
// A stream more than `max_queued` messages behind (a client that does not
// read) is ended rather than grown.
//
// Asio-free: the caller owns the sockets and timers. Thread safety: the
// console's thread only, except openCount(), which any thread may read.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace esafety::serve {

class LiveStreams {
 public:
  struct Limits {
    uint32_t max_total = 64;
    uint32_t max_per_client = 4;
    size_t max_queued = 256;
  };
  enum class Refusal { kNone, kTotal, kPerClient, kEnded };

  // One open page's stream.
  class Stream {
   public:
    // The messages to write, in order (each a whole SSE event); clears them.
    std::deque<std::string> take() { return std::exchange(pending_, {}); }
    bool ended() const { return ended_; }
    const std::string& client() const { return client_; }
    const std::string& topic() const { return topic_; }

   private:
    friend class LiveStreams;
    std::string client_;
    std::string topic_;
    std::function<void()> wake_;
    std::deque<std::string> pending_;
    bool ended_ = false;
  };

  explicit LiveStreams(Limits limits) : limits_(limits) {}
  LiveStreams(const LiveStreams&) = delete;
  LiveStreams& operator=(const LiveStreams&) = delete;

  // A new stream on `topic` for `client`, whose `wake` is called (on this
  // thread) when it has messages or has been ended; null over a cap or
  // after endAll().
  std::shared_ptr<Stream> open(const std::string& client, std::string topic, std::function<void()> wake);
  Refusal lastRefusal() const { return last_refusal_; }
  void close(const std::shared_ptr<Stream>& stream);
  // Ends every stream and refuses new ones.
  void endAll();
  size_t openCount() const { return open_count_.load(std::memory_order_relaxed); }
  // The topics that have a stream open.
  std::set<std::string> topics() const;

  // Queues `messages` on every open stream of `topic` and wakes it.
  void push(std::string_view topic, const std::vector<std::string>& messages);

 private:
  void end(Stream& stream);

  Limits limits_;
  bool ended_all_ = false;
  Refusal last_refusal_ = Refusal::kNone;
  std::vector<std::shared_ptr<Stream>> streams_;
  std::unordered_map<std::string, uint32_t> per_client_;
  std::atomic<size_t> open_count_{0};
};

}  // namespace esafety::serve
