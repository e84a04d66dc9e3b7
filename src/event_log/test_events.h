// Test support for the event log (not part of the library): an in-memory
// EventStore that can fail or hang on demand, for
// the failure paths STYLE.md §7 asks to test on purpose.
//
//   Event e = testEvent(42);                 // device_id 42, user_id 42, time 42 s
//   MemoryEventStore store;
//   store.failNext(3);                       // the next three appends fail
//   store.hold();  ...  store.release();     // appends wait until released
//
// MemoryEventStore is thread-safe: the writer appends while the test reads.
#pragma once

#include <condition_variable>
#include <mutex>
#include <vector>

#include "event_log/event_store.h"
#include "events/test_event.h"

namespace esafety::events {

class MemoryEventStore final : public EventStore {
 public:
  Status append(std::span<const Event> events) override;
  Result<std::vector<StoredEvent>> query(const EventQuery& query) override;
  Result<int64_t> count(const EventQuery& query) override;

  void failNext(int times);
  // While held, append() waits (a stuck disk); release() lets it go on.
  void hold();
  void release();
  // Blocks until an append() is waiting in hold().
  void waitUntilStuck();

  std::vector<Event> events() const;
  int appendCalls() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Event> events_;
  int fail_next_ = 0;
  int append_calls_ = 0;
  bool held_ = false;
  bool stuck_ = false;
};

}  // namespace esafety::events
