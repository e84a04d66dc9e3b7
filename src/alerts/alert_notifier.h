// AlertNotifier: tells whoever listens in this process that alerts were
// stored or changed, so that open alerts pages are pushed the change rather
// than polling the database (issue 14: "pushed, not polled").
//
// The engine (alert_engine.h) calls notify() after its batch's transaction
// commits; the console's triage does too, naming the alert it changed. A
// listener gets the ids it was told (empty: "look at what is new") on the
// notifying thread, and must only hand the work on (the console posts it to
// its own thread, serve/alert_streams.h).
//
//   AlertNotifier notifier;
//   auto id = notifier.listen([&](const std::vector<int64_t>& ids) { post(...); });
//   notifier.notify({});        // the engine, after a commit
//   notifier.stopListening(id); // after this returns the callback is not running
//
// Thread safety: every method from any thread. A callback must not call
// back into the notifier.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "core/mutex.h"

namespace esafety::alerts {

class AlertNotifier {
 public:
  using Listener = std::function<void(const std::vector<int64_t>& alert_ids)>;

  int64_t listen(Listener listener) EXCLUDES(mutex_);
  // Waits for a callback in progress to return.
  void stopListening(int64_t id) EXCLUDES(mutex_);
  // `alert_ids`: the alerts changed, when known; empty for "new or changed
  // alerts since the last notice".
  void notify(const std::vector<int64_t>& alert_ids) EXCLUDES(mutex_);
  // How many notices were given: for tests and metrics.
  uint64_t notices() const EXCLUDES(mutex_);

 private:
  mutable Mutex mutex_;
  int64_t next_id_ GUARDED_BY(mutex_) = 1;
  uint64_t notices_ GUARDED_BY(mutex_) = 0;
  std::map<int64_t, Listener> listeners_ GUARDED_BY(mutex_);
};

}  // namespace esafety::alerts
