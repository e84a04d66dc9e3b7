#include "events/event_queue.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "events/event_codec.h"

namespace esafety::events {
namespace {

size_t roundCapacity(size_t capacity) {
  return std::bit_ceil(capacity < 2 ? size_t{2} : capacity);
}

// A record in the ring: a 16-bit length, then the encoded event, running on
// through as many consecutive cells as it needs.
constexpr size_t kLengthSize = sizeof(uint16_t);
static_assert(kMaxEncodedEventSize <= UINT16_MAX);

}  // namespace

EventQueue::EventQueue(size_t capacity, EventMetrics& metrics)
    : mask_(roundCapacity(capacity) - 1),
      cells_(std::make_unique_for_overwrite<Cell[]>(mask_ + 1)),
      metrics_(metrics) {
  for (size_t i = 0; i <= mask_; ++i) cells_[i].sequence.store(i, std::memory_order_relaxed);
}

bool EventQueue::push(const Event& event) noexcept {
  const size_t size = encodedEventSize(event);
  const size_t cells = (kLengthSize + size + kCellBytes - 1) / kCellBytes;
  if (cells > mask_ + 1) {
    metrics_.dropped.inc();
    return false;
  }
  size_t pos = enqueue_pos_.load(std::memory_order_relaxed);
  for (;;) {
    // The consumer frees cells in order, so when the run's last cell is free
    // for this lap, so are the ones before it.
    const size_t last = pos + cells - 1;
    size_t sequence = cells_[last & mask_].sequence.load(std::memory_order_acquire);
    auto diff = static_cast<std::ptrdiff_t>(sequence - last);
    if (diff == 0) {
      // The run is free for this lap: claim it.
      if (enqueue_pos_.compare_exchange_weak(pos, pos + cells, std::memory_order_relaxed)) break;
    } else if (diff < 0) {
      // The consumer has not yet taken what was there the lap before: full.
      metrics_.dropped.inc();
      return false;
    } else {
      // Another producer claimed it first; try the next position.
      pos = enqueue_pos_.load(std::memory_order_relaxed);
    }
  }
  const uint16_t length = static_cast<uint16_t>(size);
  Cell& first = cells_[pos & mask_];
  if (cells == 1) {
    std::memcpy(first.bytes.data(), &length, kLengthSize);
    encodeEvent(event, first.bytes.data() + kLengthSize);
  } else {
    uint8_t record[kLengthSize + kMaxEncodedEventSize];
    std::memcpy(record, &length, kLengthSize);
    encodeEvent(event, record + kLengthSize);
    const size_t total = kLengthSize + size;
    for (size_t i = 0, at = 0; i < cells; ++i, at += kCellBytes) {
      std::memcpy(cells_[(pos + i) & mask_].bytes.data(), record + at,
                  std::min(kCellBytes, total - at));
    }
  }
  // Publishing the first cell publishes the run: the consumer looks only at
  // it, and its release orders the other cells' bytes before it.
  first.sequence.store(pos + 1, std::memory_order_release);
  metrics_.queued.inc();
  return true;
}

// One consumer: nobody else moves dequeue_pos_, so no compare-and-swap.
bool EventQueue::popInto(Event& out) {
  for (;;) {
    const size_t pos = dequeue_pos_.load(std::memory_order_relaxed);
    Cell& first = cells_[pos & mask_];
    if (first.sequence.load(std::memory_order_acquire) != pos + 1) return false;
    uint16_t length = 0;
    std::memcpy(&length, first.bytes.data(), kLengthSize);
    const size_t total = kLengthSize + length;
    const size_t cells = (total + kCellBytes - 1) / kCellBytes;
    bool decoded;
    if (cells == 1) {
      decoded = decodeEvent({first.bytes.data() + kLengthSize, length}, out);
    } else {
      uint8_t record[kLengthSize + kMaxEncodedEventSize];
      for (size_t i = 0, at = 0; i < cells; ++i, at += kCellBytes) {
        std::memcpy(record + at, cells_[(pos + i) & mask_].bytes.data(),
                    std::min(kCellBytes, total - at));
      }
      decoded = decodeEvent({record + kLengthSize, length}, out);
    }
    // Free the run in order, for the producers' next lap.
    for (size_t i = 0; i < cells; ++i) {
      cells_[(pos + i) & mask_].sequence.store(pos + i + mask_ + 1, std::memory_order_release);
    }
    dequeue_pos_.store(pos + cells, std::memory_order_relaxed);
    if (decoded) return true;
    // Only a bug could get here (push wrote what encodeEvent made): the
    // event is counted as dropped rather than stored half-read.
    metrics_.dropped.inc();
  }
}

bool EventQueue::pop(Event& out) {
  return popInto(out);
}

size_t EventQueue::popBatch(std::vector<Event>& out, size_t max) {
  size_t n = 0;
  for (; n < max; ++n) {
    out.emplace_back();
    if (!popInto(out.back())) {
      out.pop_back();
      break;
    }
  }
  return n;
}

bool EventQueue::congested() const noexcept {
  return sizeApprox() > (mask_ + 1) / 2;
}

size_t EventQueue::sizeApprox() const {
  size_t tail = dequeue_pos_.load(std::memory_order_relaxed);
  size_t head = enqueue_pos_.load(std::memory_order_relaxed);
  return head > tail ? head - tail : 0;
}

}  // namespace esafety::events
