// LoginThrottle: slows down password guessing, keyed by account and client
// address together, so one pupil mistyping does not lock out the whole
// year-group login from every iPad, and one machine cannot try every account.
//
// After `free_failures` wrong passwords in a row, each further failure makes
// the key wait: base_delay, then double, up to max_delay. A success clears
// the key. A key left alone for `forget_after` seconds starts afresh.
//
//   LoginThrottle throttle(clock);
//   if (int64_t wait = throttle.retryAfter(login, ip); wait > 0) return tooManyAttempts(wait);
//   if (verifyPassword(hash, typed)) throttle.recordSuccess(login, ip);
//   else throttle.recordFailure(login, ip);
//
// Pure: no I/O, time from the Clock (tests use FakeClock). Not thread-safe;
// the console keeps one behind its own mutex. Memory is bounded: past
// max_keys the oldest quiet keys are dropped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"

namespace esafety::identity {

struct LoginThrottleOptions {
  int free_failures = 3;
  int64_t base_delay_s = 2;
  int64_t max_delay_s = 15 * 60;
  int64_t forget_after_s = 60 * 60;
  size_t max_keys = 100000;
};

class LoginThrottle {
 public:
  explicit LoginThrottle(const Clock& clock, LoginThrottleOptions options = {})
      : clock_(clock), options_(options) {}

  // Seconds until another attempt is accepted; 0 when one may be made now.
  int64_t retryAfter(std::string_view account, std::string_view ip) const;
  void recordFailure(std::string_view account, std::string_view ip);
  void recordSuccess(std::string_view account, std::string_view ip);
  size_t size() const { return keys_.size(); }

 private:
  struct Entry {
    int failures = 0;
    int64_t last_failure = 0;
    int64_t blocked_until = 0;
  };
  static std::string key(std::string_view account, std::string_view ip);
  void prune(int64_t now);

  const Clock& clock_;
  LoginThrottleOptions options_;
  std::unordered_map<std::string, Entry> keys_;
};

}  // namespace esafety::identity
