#include "events/event_queue.h"

#include <bit>

namespace esafety::events {
namespace {

size_t roundCapacity(size_t capacity) {
  return std::bit_ceil(capacity < 2 ? size_t{2} : capacity);
}

}  // namespace

EventQueue::EventQueue(size_t capacity, EventMetrics& metrics)
    : mask_(roundCapacity(capacity) - 1),
      cells_(std::make_unique<Cell[]>(mask_ + 1)),
      metrics_(metrics) {
  for (size_t i = 0; i <= mask_; ++i) cells_[i].sequence.store(i, std::memory_order_relaxed);
}

bool EventQueue::push(const Event& event) noexcept {
  size_t pos = enqueue_pos_.load(std::memory_order_relaxed);
  Cell* cell;
  for (;;) {
    cell = &cells_[pos & mask_];
    size_t sequence = cell->sequence.load(std::memory_order_acquire);
    auto diff = static_cast<std::ptrdiff_t>(sequence - pos);
    if (diff == 0) {
      // The slot is free for this lap: claim it.
      if (enqueue_pos_.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) break;
    } else if (diff < 0) {
      // The consumer has not yet taken this slot's previous event: full.
      metrics_.dropped.inc();
      return false;
    } else {
      // Another producer claimed it first; try the next position.
      pos = enqueue_pos_.load(std::memory_order_relaxed);
    }
  }
  cell->event = event;
  cell->sequence.store(pos + 1, std::memory_order_release);
  metrics_.queued.inc();
  return true;
}

// One consumer: nobody else moves dequeue_pos_, so no compare-and-swap.
// Returns the next published cell, or null when the queue is empty (or the
// producer of the next slot is still copying its event in).
EventQueue::Cell* EventQueue::front() {
  size_t pos = dequeue_pos_.load(std::memory_order_relaxed);
  Cell& cell = cells_[pos & mask_];
  if (cell.sequence.load(std::memory_order_acquire) != pos + 1) return nullptr;
  return &cell;
}

void EventQueue::release(Cell& cell) {
  size_t pos = dequeue_pos_.load(std::memory_order_relaxed);
  cell.sequence.store(pos + mask_ + 1, std::memory_order_release);
  dequeue_pos_.store(pos + 1, std::memory_order_relaxed);
}

bool EventQueue::pop(Event& out) {
  Cell* cell = front();
  if (cell == nullptr) return false;
  out = cell->event;
  release(*cell);
  return true;
}

size_t EventQueue::popBatch(std::vector<Event>& out, size_t max) {
  size_t n = 0;
  for (; n < max; ++n) {
    Cell* cell = front();
    if (cell == nullptr) break;
    out.push_back(cell->event);
    release(*cell);
  }
  return n;
}

size_t EventQueue::sizeApprox() const {
  size_t tail = dequeue_pos_.load(std::memory_order_relaxed);
  size_t head = enqueue_pos_.load(std::memory_order_relaxed);
  return head > tail ? head - tail : 0;
}

}  // namespace esafety::events
