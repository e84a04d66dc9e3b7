// Private to src/serve: hands work from a notifying thread (the alert
// engine's, a triage's) to the console's thread. Items added while a
// delivery is pending go with it, so a burst of notices is one delivery.
//
//   Handoff<int64_t> handoff(post, [this](std::vector<int64_t> ids) { deliver(ids); });
//   handoff.add({7});   // any thread; `post` runs the delivery on the console's
//
// Once the Handoff is destroyed, a delivery already posted does nothing.
//
// Thread safety: add() from any thread; the delivery runs where `post` runs it.
#pragma once

#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "core/mutex.h"

namespace esafety::serve {

template <class T>
class Handoff {
 public:
  using Post = std::function<void(std::function<void()>)>;
  using Deliver = std::function<void(std::vector<T>)>;

  Handoff(Post post, Deliver deliver) : post_(std::move(post)), state_(std::make_shared<State>()) {
    state_->deliver = std::move(deliver);
  }
  Handoff(const Handoff&) = delete;
  Handoff& operator=(const Handoff&) = delete;

  // Queues `items` (none: a delivery is still made) and posts a delivery
  // unless one is pending.
  void add(std::vector<T> items) {
    {
      MutexLock lock(state_->mutex);
      state_->pending.insert(state_->pending.end(), std::make_move_iterator(items.begin()),
                             std::make_move_iterator(items.end()));
      if (state_->posted) return;
      state_->posted = true;
    }
    post_([weak = std::weak_ptr<State>(state_)] {
      auto state = weak.lock();
      if (!state) return;
      std::vector<T> items;
      {
        MutexLock lock(state->mutex);
        state->posted = false;
        items.swap(state->pending);
      }
      state->deliver(std::move(items));
    });
  }

 private:
  struct State {
    Mutex mutex;
    bool posted GUARDED_BY(mutex) = false;
    std::vector<T> pending GUARDED_BY(mutex);
    Deliver deliver;
  };
  Post post_;
  std::shared_ptr<State> state_;
};

}  // namespace esafety::serve
