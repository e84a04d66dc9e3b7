#include "identity/login_throttle.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "core/text.h"

namespace esafety::identity {
namespace {

// Keys of the three kinds cannot collide: each starts with its own tag, and
// logins are matched case-insensitively ("Year3" and "year3" share a key).
std::string pairKey(std::string_view account, std::string_view ip) {
  std::string k = "p" + asciiLower(account);
  k.push_back('\0');
  k.append(ip);
  return k;
}
std::string addressKey(std::string_view ip) { return "i" + std::string(ip); }
std::string accountKey(std::string_view account) { return "a" + asciiLower(account); }

}  // namespace

std::string lockoutMessage(const Lockout& lockout) {
  std::string_view why = lockout.scope == LockoutScope::kAddress
                             ? "Too many wrong tries from this computer."
                         : lockout.scope == LockoutScope::kLogin
                             ? "Too many wrong tries for this account."
                             : "Too many wrong tries.";
  return fmt::format("{} Please wait {} second{}, then try again.", why, lockout.seconds,
                     lockout.seconds == 1 ? "" : "s");
}

int64_t LoginThrottle::wait(const std::string& key, int64_t now) const {
  auto it = keys_.find(key);
  if (it == keys_.end()) return 0;
  if (now - it->second.last_failure >= options_.forget_after_s) return 0;
  return std::max<int64_t>(0, it->second.blocked_until - now);
}

Lockout LoginThrottle::lockout(std::string_view account, std::string_view ip) const {
  const int64_t now = clock_.nowUnix();
  MutexLock lock(mutex_);
  Lockout out;
  auto consider = [&](int64_t seconds, LockoutScope scope) {
    if (seconds > out.seconds) out = {seconds, scope};
  };
  consider(wait(pairKey(account, ip), now), LockoutScope::kLoginHere);
  consider(wait(addressKey(ip), now), LockoutScope::kAddress);
  consider(wait(accountKey(account), now), LockoutScope::kLogin);
  return out;
}

void LoginThrottle::fail(const std::string& key, const ThrottleRule& rule, int64_t now) {
  Entry& e = keys_[key];
  if (e.failures > 0 && now - e.last_failure >= options_.forget_after_s) e = Entry{};
  ++e.failures;
  e.last_failure = now;
  int over = e.failures - rule.free_failures;
  if (over <= 0) return;
  int64_t delay = rule.base_delay_s;
  for (int i = 1; i < over && delay < rule.max_delay_s; ++i) delay *= 2;
  e.blocked_until = now + std::min(delay, rule.max_delay_s);
}

void LoginThrottle::recordFailure(std::string_view account, std::string_view ip) {
  const int64_t now = clock_.nowUnix();
  MutexLock lock(mutex_);
  if (keys_.size() + 3 > options_.max_keys) prune(now);
  fail(pairKey(account, ip),
       {.free_failures = options_.free_failures,
        .base_delay_s = options_.base_delay_s,
        .max_delay_s = options_.max_delay_s},
       now);
  fail(addressKey(ip), options_.address, now);
  fail(accountKey(account), options_.account, now);
}

void LoginThrottle::recordSuccess(std::string_view account, std::string_view ip) {
  MutexLock lock(mutex_);
  keys_.erase(pairKey(account, ip));
  keys_.erase(accountKey(account));
}

size_t LoginThrottle::size() const {
  MutexLock lock(mutex_);
  return keys_.size();
}

void LoginThrottle::prune(int64_t now) {
  std::erase_if(keys_, [&](const auto& kv) {
    return now - kv.second.last_failure >= options_.forget_after_s &&
           kv.second.blocked_until <= now;
  });
  // Still full of fresh keys (an attack from many addresses): drop the half
  // that failed longest ago rather than grow without bound.
  if (keys_.size() + 3 > options_.max_keys) {
    std::vector<int64_t> times;
    times.reserve(keys_.size());
    for (const auto& kv : keys_) times.push_back(kv.second.last_failure);
    auto mid = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
    std::nth_element(times.begin(), mid, times.end());
    int64_t cutoff = *mid;
    std::erase_if(keys_, [&](const auto& kv) { return kv.second.last_failure <= cutoff; });
  }
}

}  // namespace esafety::identity
