#include "event_log/event_writer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <optional>

namespace esafety::events {

EventWriter::EventWriter(EventQueue& queue, EventStore& store, EventMetrics& metrics,
                         EventWriterOptions options)
    : queue_(queue), store_(store), metrics_(metrics), options_(options) {
  batch_.reserve(options_.max_batch);
}

EventWriter::~EventWriter() {
  stop();
}

void EventWriter::start() {
  if (thread_.joinable()) return;
  {
    MutexLock lock(mutex_);
    stop_requested_ = false;
  }
  thread_ = std::thread([this] { run(); });
}

void EventWriter::stop() {
  {
    MutexLock lock(mutex_);
    if (!stop_requested_) {
      stop_requested_ = true;
      stop_deadline_ = std::chrono::steady_clock::now() + options_.stop_timeout;
    }
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  } else {
    run();  // never started: drain here, so stop() still loses nothing
  }
}

bool EventWriter::stopping(SteadyTime* deadline) {
  MutexLock lock(mutex_);
  if (deadline != nullptr) *deadline = stop_deadline_;
  return stop_requested_;
}

void EventWriter::pause(std::chrono::milliseconds d) {
  MutexLock lock(mutex_);
  const bool was_stopping = stop_requested_;
  auto until = std::chrono::steady_clock::now() + d;
  if (was_stopping) until = std::min(until, stop_deadline_);
  mutex_.awaitUntil(wake_, until,
                    [&]() REQUIRES(mutex_) { return stop_requested_ && !was_stopping; });
}

void EventWriter::run() {
  std::optional<SteadyTime> first_popped;  // when the batch's first event was taken
  last_catch_up_ = std::chrono::steady_clock::now();
  for (;;) {
    const bool stop = stopping();
    queue_.popBatch(batch_, options_.max_batch - batch_.size());
    metrics_.queue_depth.set(static_cast<double>(queue_.sizeApprox()));
    auto now = std::chrono::steady_clock::now();
    if (!batch_.empty() && !first_popped) first_popped = now;

    const bool full = batch_.size() >= options_.max_batch;
    const bool due = first_popped && now - *first_popped >= options_.max_delay;
    if (full || due || (stop && !batch_.empty())) {
      if (!writeBatch()) {
        drainAsLost();
        return;
      }
      batch_.clear();
      first_popped.reset();
      continue;
    }
    // Stopping with nothing in hand and nothing left to take: done. (stop()
    // expects the producers to have stopped already.)
    if (stop && queue_.sizeApprox() == 0) return;
    if (!stop) {
      if (batch_.empty() && queue_.sizeApprox() == 0) catchUp();
      pause(options_.idle_poll);
    }
  }
}

void EventWriter::catchUp() {
  const int64_t waiting = store_.backlog();
  if (waiting <= 0) return;
  auto now = std::chrono::steady_clock::now();
  if (waiting < options_.catch_up_min && now - last_catch_up_ < options_.catch_up_every) return;
  last_catch_up_ = now;
  Result<int64_t> done = int64_t{0};
  try {
    done = store_.catchUp(options_.catch_up_events);
  } catch (const std::exception& e) {
    done = internalError(std::string("event store threw: ") + e.what());
  }
  if (!done) {
    // Searches stay complete (they read unindexed events directly), only
    // slower; the next pass retries.
    if (!catch_up_failing_) spdlog::warn("events: the search index could not be brought up to date: {}", done.status().toString());
    catch_up_failing_ = true;
    return;
  }
  if (catch_up_failing_) spdlog::info("events: the search index is being brought up to date again");
  catch_up_failing_ = false;
}

bool EventWriter::writeBatch() {
  auto backoff = options_.first_backoff;
  uint64_t failures = 0;
  for (;;) {
    auto start = std::chrono::steady_clock::now();
    Status status;
    try {
      status = store_.append(batch_);
    } catch (const std::exception& e) {
      // The store reports errors as values; this is a last guard so that the
      // writer thread can never take the process down.
      status = internalError(std::string("event store threw: ") + e.what());
    }
    metrics_.batch_write_seconds.observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (status.isOk()) {
      metrics_.written.inc(batch_.size());
      if (failures > 0) {
        spdlog::info("events: writing resumed after {} failed attempts", failures);
      }
      return true;
    }
    metrics_.write_errors.inc();
    if (failures++ == 0) {
      spdlog::warn("events: could not write {} events, retrying: {}", batch_.size(),
                   status.toString());
    }
    SteadyTime deadline;
    if (stopping(&deadline) && std::chrono::steady_clock::now() >= deadline) {
      spdlog::error("events: giving up at shutdown after {} failed attempts: {}", failures,
                    status.toString());
      return false;
    }
    pause(backoff);
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
}

void EventWriter::drainAsLost() {
  uint64_t lost = batch_.size();
  batch_.clear();
  Event discard;
  while (queue_.pop(discard)) ++lost;
  metrics_.lost.inc(lost);
  metrics_.queue_depth.set(0);
  spdlog::error("events: {} events were lost because the event store kept failing", lost);
}

}  // namespace esafety::events
