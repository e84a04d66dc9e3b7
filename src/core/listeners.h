// Listeners<Message>: tells whoever listens in this process that something
// happened, so that a page can be pushed the change rather than polling the
// database. alerts/alert_notifier.h (new or changed alerts) and
// alerts/activity_notifier.h (the events the alert engine read) are two.
//
//   Listeners<std::vector<int64_t>> changed;
//   auto id = changed.listen([&](const std::vector<int64_t>& ids) { post(...); });
//   changed.notify({7});        // the one that changed something
//   changed.stopListening(id);  // after this returns the callback is not running
//
// A listener is called on the notifying thread and must only hand the work
// on (the console posts it to its own thread).
//
// Thread safety: every method from any thread. A callback must not call
// back into the same Listeners.
#pragma once

#include <cstdint>
#include <functional>
#include <map>

#include "core/mutex.h"

namespace esafety {

template <class Message>
class Listeners {
 public:
  using Listener = std::function<void(const Message&)>;

  int64_t listen(Listener listener) EXCLUDES(mutex_) {
    MutexLock lock(mutex_);
    const int64_t id = next_id_++;
    listeners_.emplace(id, std::move(listener));
    return id;
  }
  // Waits for a callback in progress to return.
  void stopListening(int64_t id) EXCLUDES(mutex_) {
    MutexLock lock(mutex_);
    listeners_.erase(id);
  }
  // The callbacks run with the mutex held, so that stopListening() cannot
  // return while one of them is running; they only post work elsewhere.
  void notify(const Message& message) EXCLUDES(mutex_) {
    MutexLock lock(mutex_);
    ++notices_;
    for (auto& [id, listener] : listeners_) listener(message);
  }
  // How many notices were given: for tests and metrics.
  uint64_t notices() const EXCLUDES(mutex_) {
    MutexLock lock(mutex_);
    return notices_;
  }
  bool empty() const EXCLUDES(mutex_) {
    MutexLock lock(mutex_);
    return listeners_.empty();
  }

 private:
  mutable Mutex mutex_;
  int64_t next_id_ GUARDED_BY(mutex_) = 1;
  uint64_t notices_ GUARDED_BY(mutex_) = 0;
  std::map<int64_t, Listener> listeners_ GUARDED_BY(mutex_);
};

}  // namespace esafety
