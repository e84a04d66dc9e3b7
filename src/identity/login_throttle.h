// LoginThrottle: slows down password guessing. One throttle serves the
// console's sign-in, the captive portal and proxy authentication
// (SignInDesk::throttle()), so a guesser gains nothing by changing door.
//
// Three keys count wrong passwords, each with its own rule:
//   - the login and the client address together (`pair`): a person who
//     mistypes is slowed down on their own device only, so one pupil
//     mistyping does not lock out the whole year-group login from every iPad;
//   - the client address alone (`address`): one machine trying many logins,
//     even made-up ones, is slowed down before any password is hashed;
//   - the login alone (`account`): many machines guessing one account are
//     slowed down. Its wait is short (a minute at most by default), so an
//     attacker can slow the DSL's sign-in but never lock them out: the DSL
//     still signs in at most `account.max_delay_s` later.
// After a rule's `free_failures` wrong passwords in a row, each further
// failure makes that key wait: base_delay, then double, up to max_delay. A
// key left alone for `forget_after` seconds starts afresh. A success clears
// the pair and the account keys, not the address's (else a guesser would
// sign in with their own login now and then to reset it).
//
//   LoginThrottle& throttle = desk.throttle();
//   if (Lockout wait = throttle.lockout(login, ip); wait.seconds > 0) return tooMany(wait);
//   if (verifyPassword(hash, typed)) throttle.recordSuccess(login, ip);
//   else throttle.recordFailure(login, ip);
//
// Time from the Clock (tests use FakeClock). Thread-safe: every method takes
// the throttle's own mutex. Memory is bounded: past max_keys the oldest
// quiet keys are dropped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "core/mutex.h"

namespace esafety::identity {

struct ThrottleRule {
  int free_failures = 3;
  int64_t base_delay_s = 2;
  int64_t max_delay_s = 15 * 60;
};

struct LoginThrottleOptions {
  // The login and the address together (the fields a caller tunes most).
  int free_failures = 3;
  int64_t base_delay_s = 2;
  int64_t max_delay_s = 15 * 60;
  ThrottleRule address{.free_failures = 10, .base_delay_s = 2, .max_delay_s = 15 * 60};
  ThrottleRule account{.free_failures = 20, .base_delay_s = 2, .max_delay_s = 60};
  int64_t forget_after_s = 60 * 60;
  size_t max_keys = 100000;
};

// Why an attempt must wait, and for how long.
enum class LockoutScope { kNone, kLoginHere, kAddress, kLogin };
struct Lockout {
  int64_t seconds = 0;  // 0: an attempt may be made now
  LockoutScope scope = LockoutScope::kNone;
};

// The words for a person: "Too many wrong tries ... wait N seconds".
std::string lockoutMessage(const Lockout& lockout);

class LoginThrottle {
 public:
  explicit LoginThrottle(const Clock& clock, LoginThrottleOptions options = {})
      : clock_(clock), options_(options) {}

  // The longest wait of the three keys; seconds 0 when an attempt may be made now.
  Lockout lockout(std::string_view account, std::string_view ip) const EXCLUDES(mutex_);
  // Seconds until another attempt is accepted; 0 when one may be made now.
  int64_t retryAfter(std::string_view account, std::string_view ip) const EXCLUDES(mutex_) {
    return lockout(account, ip).seconds;
  }
  void recordFailure(std::string_view account, std::string_view ip) EXCLUDES(mutex_);
  void recordSuccess(std::string_view account, std::string_view ip) EXCLUDES(mutex_);
  size_t size() const EXCLUDES(mutex_);

 private:
  struct Entry {
    int failures = 0;
    int64_t last_failure = 0;
    int64_t blocked_until = 0;
  };
  int64_t wait(const std::string& key, int64_t now) const REQUIRES(mutex_);
  void fail(const std::string& key, const ThrottleRule& rule, int64_t now) REQUIRES(mutex_);
  void prune(int64_t now) REQUIRES(mutex_);

  const Clock& clock_;
  const LoginThrottleOptions options_;
  mutable Mutex mutex_;
  std::unordered_map<std::string, Entry> keys_ GUARDED_BY(mutex_);
};

}  // namespace esafety::identity
