// Private to src/proxy: how long the accept loop waits after a failed
// accept before it tries again. A failure such as EMFILE (no file
// descriptors left) repeats at once if retried at once, and a loop that
// retries it spins a core while the connections it cannot take wait; so the
// wait doubles from kFirst to kMost, and a successful accept resets it.
//
//   AcceptBackoff backoff;
//   on error:   timer.expires_after(backoff.next()); co_await timer.async_wait(...);
//   on success: backoff.reset();
#pragma once

#include <algorithm>
#include <chrono>

namespace esafety::proxy {

class AcceptBackoff {
 public:
  static constexpr std::chrono::milliseconds kFirst{5};
  static constexpr std::chrono::milliseconds kMost{1000};

  // The wait before the next try, longer each time.
  std::chrono::milliseconds next() {
    std::chrono::milliseconds wait = current_;
    current_ = std::min(current_ * 2, kMost);
    ++failures_;
    return wait;
  }
  void reset() {
    current_ = kFirst;
    failures_ = 0;
  }
  // Failures since the last success (the first one is worth a log line).
  unsigned failures() const { return failures_; }

 private:
  std::chrono::milliseconds current_ = kFirst;
  unsigned failures_ = 0;
};

}  // namespace esafety::proxy
