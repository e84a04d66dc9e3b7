// EventQueue: the bounded queue between the data plane and the event writer
// (DESIGN.md §2). Many producers (every proxy and DNS worker) push; one
// consumer (the EventWriter thread) pops.
//
// It is Dmitry Vyukov's bounded MPMC ring, used with a single consumer: a
// preallocated array of 256-byte cells, each with a sequence number that
// says whose turn it is. An event is held in its compact form (event_codec.h),
// which takes one cell for a DNS query or a short URL and up to seven for an
// event whose strings are all at their limits: a push claims its run of
// consecutive cells with one compare-and-swap and copies the bytes in; it
// never allocates, never takes a lock and never waits. When the ring is
// full, push() returns false at once and counts the drop in
// esafety_events_dropped_total: the data plane is never slowed by a slow
// disk, and every loss is visible.
//
//   MetricsRegistry registry;
//   EventMetrics metrics(registry);
//   EventQueue queue(EventQueue::kDefaultCapacity, metrics);
//   queue.push(event);                        // any thread; false = dropped
//   std::vector<Event> batch;
//   queue.popBatch(batch, 5000);              // the writer thread only
//
// Memory: capacity x 256 bytes, so the default 65536 cells are 16 MB and a
// server's usual 16384 are 4 MB (about that many events of the usual size).
// An event larger than the whole ring (a tiny test queue) is dropped.
//
// Threads: push() from any number of threads. pop()/popBatch() from one
// thread at a time (the writer). An event whose push() has returned true is
// visible to the next pop. sizeApprox() from anywhere.
// Ownership: the queue owns its ring; `metrics` must outlive it.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "events/event.h"
#include "events/event_metrics.h"

namespace esafety::events {

class EventQueue final : public EventSink {
 public:
  static constexpr size_t kDefaultCapacity = 65536;

  // `capacity` is rounded up to a power of two (at least 2).
  EventQueue(size_t capacity, EventMetrics& metrics);
  EventQueue(const EventQueue&) = delete;
  EventQueue& operator=(const EventQueue&) = delete;

  bool push(const Event& event) noexcept override;
  // More than half the cells are in use.
  bool congested() const noexcept override;

  // Consumer side. pop() fills `out` and returns true, or returns false when
  // the queue is empty. popBatch() appends up to `max` events to `out` and
  // returns how many.
  bool pop(Event& out);
  size_t popBatch(std::vector<Event>& out, size_t max);

  // In cells; a usual event takes one.
  size_t capacity() const { return mask_ + 1; }
  // Cells pushed and not yet popped (about one per event); exact only when
  // nobody is pushing.
  size_t sizeApprox() const;

  static constexpr size_t kCellSize = 256;

 private:
  struct alignas(64) Cell {
    std::atomic<size_t> sequence;
    std::array<uint8_t, kCellSize - sizeof(std::atomic<size_t>)> bytes;
  };
  static_assert(sizeof(Cell) == kCellSize);
  static constexpr size_t kCellBytes = sizeof(Cell::bytes);

  // Decodes the next published event into `out` and releases its cells;
  // false when the queue is empty (or the producer of the next event is
  // still copying it in).
  bool popInto(Event& out);

  const size_t mask_;
  std::unique_ptr<Cell[]> cells_;
  EventMetrics& metrics_;
  alignas(64) std::atomic<size_t> enqueue_pos_{0};
  alignas(64) std::atomic<size_t> dequeue_pos_{0};
};

}  // namespace esafety::events
