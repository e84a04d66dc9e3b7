// EventWriter: the thread that moves events from the EventQueue into the
// EventStore, in batches (DESIGN.md §2).
//
// The contract:
//   - An event accepted by EventQueue::push() is committed to the store
//     within about max_delay + one batch write (200 ms + a few ms by
//     default; well inside one second) while the store is healthy.
//   - A batch is written as soon as it holds max_batch events (one
//     transaction each), or once its first event has waited max_delay.
//   - A failed write (a locked database, a full disk) is counted in
//     esafety_events_write_errors_total and retried with back-off
//     (first_backoff doubling up to max_backoff), the same batch, in order.
//     It never crashes and never blocks producers: while the store is stuck
//     the queue fills and EventQueue::push() drops and counts.
//   - stop() drains the queue completely before it returns, so a clean
//     shutdown loses nothing. If the store still fails after stop_timeout,
//     stop() gives up: what is left is counted in esafety_events_lost_total
//     and logged, so shutdown cannot hang forever on a dead disk.
//
//   EventQueue queue(EventQueue::kDefaultCapacity, metrics);
//   EventWriter writer(queue, *store, metrics, {});
//   writer.start();              // control thread, at start-up
//   ... data plane: queue.push(event) ...
//   // stop the producers first, then:
//   writer.stop();               // control thread: drains, joins
//
// Threads: start() and stop() from one controlling thread. Between them the
// writer thread is the only user of `store` (and the queue's only consumer).
// Ownership: borrows the queue, the store and the metrics; all must outlive
// the writer. The destructor calls stop().
//
// Timing uses std::chrono::steady_clock: it only paces batches and retries,
// and tests pass small durations.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <thread>
#include <vector>

#include "core/mutex.h"
#include "event_log/event_store.h"
#include "events/event_metrics.h"
#include "events/event_queue.h"

namespace esafety::events {

struct EventWriterOptions {
  // The batch is held as whole Events (1.6 KB each), so this is also the
  // writer's memory: 2048 is 3.3 MB. Larger batches save little once a
  // transaction holds a thousand rows.
  size_t max_batch = 2048;
  std::chrono::milliseconds max_delay{200};
  // How often an idle writer looks at the queue.
  std::chrono::milliseconds idle_poll{5};
  std::chrono::milliseconds first_backoff{50};
  std::chrono::milliseconds max_backoff{2000};
  std::chrono::milliseconds stop_timeout{30000};
  // The store's deferred work (EventStore::catchUp, the search index): done
  // in passes of up to catch_up_events, only while the queue is empty, once
  // catch_up_min events wait or catch_up_every has passed. Under a sustained
  // flood it waits: storing every event comes first, and searches stay
  // complete meanwhile (they read unindexed events directly), only slower.
  int64_t catch_up_events = 20000;
  int64_t catch_up_min = 5000;
  std::chrono::milliseconds catch_up_every{5000};
};

class EventWriter {
 public:
  EventWriter(EventQueue& queue, EventStore& store, EventMetrics& metrics,
              EventWriterOptions options);
  ~EventWriter();
  EventWriter(const EventWriter&) = delete;
  EventWriter& operator=(const EventWriter&) = delete;

  // Starts the writer thread; a second call does nothing.
  void start();
  // Writes everything queued, then joins the thread. Safe to call twice or
  // without start() (then it drains on the calling thread).
  void stop();

 private:
  using SteadyTime = std::chrono::steady_clock::time_point;

  void run();
  // Writes `batch_` until it succeeds, or (when stopping) the stop deadline
  // passes; false when it gave up.
  bool writeBatch();
  void drainAsLost();
  // Sleeps for `d`, or less when stop() is called meanwhile (if we were not
  // already stopping) or when the stop deadline comes first.
  void pause(std::chrono::milliseconds d);
  bool stopping(SteadyTime* deadline = nullptr);
  // One pass of the store's deferred work when it is due (see the options).
  void catchUp();

  EventQueue& queue_;
  EventStore& store_;
  EventMetrics& metrics_;
  const EventWriterOptions options_;
  std::vector<Event> batch_;  // writer thread only
  SteadyTime last_catch_up_{};  // writer thread only
  bool catch_up_failing_ = false;  // writer thread only: logged once per run of failures

  Mutex mutex_;
  std::condition_variable wake_;
  bool stop_requested_ GUARDED_BY(mutex_) = false;
  SteadyTime stop_deadline_ GUARDED_BY(mutex_);
  std::thread thread_;           // start()/stop() thread only
};

}  // namespace esafety::events
