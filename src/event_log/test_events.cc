#include "event_log/test_events.h"

namespace esafety::events {

Status MemoryEventStore::append(std::span<const Event> events) {
  std::unique_lock lock(mutex_);
  ++append_calls_;
  if (held_) {
    stuck_ = true;
    changed_.notify_all();
    changed_.wait(lock, [&] { return !held_; });
    stuck_ = false;
  }
  if (fail_next_ > 0) {
    --fail_next_;
    return Status(StatusCode::kUnavailable, "the test store is failing on purpose");
  }
  events_.insert(events_.end(), events.begin(), events.end());
  return Status::ok();
}

Result<std::vector<StoredEvent>> MemoryEventStore::query(const EventQuery& query) {
  return internalError("MemoryEventStore does not answer queries");
}

Result<int64_t> MemoryEventStore::count(const EventQuery& query) {
  std::lock_guard lock(mutex_);
  return static_cast<int64_t>(events_.size());
}

void MemoryEventStore::failNext(int times) {
  std::lock_guard lock(mutex_);
  fail_next_ = times;
}

void MemoryEventStore::hold() {
  std::lock_guard lock(mutex_);
  held_ = true;
}

void MemoryEventStore::release() {
  {
    std::lock_guard lock(mutex_);
    held_ = false;
  }
  changed_.notify_all();
}

void MemoryEventStore::waitUntilStuck() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return stuck_; });
}

std::vector<Event> MemoryEventStore::events() const {
  std::lock_guard lock(mutex_);
  return events_;
}

int MemoryEventStore::appendCalls() const {
  std::lock_guard lock(mutex_);
  return append_calls_;
}

}  // namespace esafety::events
