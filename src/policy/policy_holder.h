// PolicyHolder: where the control plane publishes each new Snapshot and the
// data plane picks it up, RCU style (DESIGN.md §2). Publishing is rare (a
// policy change, a list compile, SIGHUP); reading happens on every request,
// so readers keep their own reference and only look at an atomic generation
// number per request.
//
//   PolicyHolder holder(initial);
//   // control thread:
//   holder.publish(newer);
//   // each worker thread:
//   SnapshotReader reader(holder);
//   const Snapshot& snap = reader.get();   // cheap; refreshes after a publish
//
// Thread safety: publish() from one thread at a time; current() and
// generation() from any thread. A SnapshotReader belongs to one thread. An old
// snapshot lives until its last reader lets go, so a request in flight
// finishes on the policy it started with.
#pragma once

#include <atomic>
#include <memory>

#include "core/mutex.h"
#include "policy/snapshot.h"

namespace esafety::policy {

class PolicyHolder {
 public:
  explicit PolicyHolder(std::shared_ptr<const Snapshot> initial) : current_(std::move(initial)) {}

  void publish(std::shared_ptr<const Snapshot> next) {
    {
      MutexLock lock(mutex_);
      current_ = std::move(next);
    }
    generation_.fetch_add(1, std::memory_order_release);
  }
  std::shared_ptr<const Snapshot> current() const {
    MutexLock lock(mutex_);
    return current_;
  }
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  mutable Mutex mutex_;
  std::shared_ptr<const Snapshot> current_ GUARDED_BY(mutex_);
  std::atomic<uint64_t> generation_{1};
};

class SnapshotReader {
 public:
  explicit SnapshotReader(const PolicyHolder& holder) : holder_(holder) {}
  const Snapshot& get() {
    uint64_t g = holder_.generation();
    if (g != generation_ || !snapshot_) {
      snapshot_ = holder_.current();
      generation_ = g;
    }
    return *snapshot_;
  }
  // Keeps the snapshot alive past the next get(), for work that outlives one call.
  std::shared_ptr<const Snapshot> share() {
    get();
    return snapshot_;
  }

 private:
  const PolicyHolder& holder_;
  std::shared_ptr<const Snapshot> snapshot_;
  uint64_t generation_ = 0;
};

}  // namespace esafety::policy
