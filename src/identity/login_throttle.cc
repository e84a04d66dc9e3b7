#include "identity/login_throttle.h"

#include <algorithm>
#include <vector>

#include "core/text.h"

namespace esafety::identity {

std::string LoginThrottle::key(std::string_view account, std::string_view ip) {
  // Logins are matched case-insensitively, so "Year3" and "year3" share a key.
  std::string k = asciiLower(account);
  k.push_back('\0');
  k.append(ip);
  return k;
}

int64_t LoginThrottle::retryAfter(std::string_view account, std::string_view ip) const {
  auto it = keys_.find(key(account, ip));
  if (it == keys_.end()) return 0;
  int64_t now = clock_.nowUnix();
  if (now - it->second.last_failure >= options_.forget_after_s) return 0;
  return std::max<int64_t>(0, it->second.blocked_until - now);
}

void LoginThrottle::recordFailure(std::string_view account, std::string_view ip) {
  int64_t now = clock_.nowUnix();
  if (keys_.size() >= options_.max_keys) prune(now);
  Entry& e = keys_[key(account, ip)];
  if (e.failures > 0 && now - e.last_failure >= options_.forget_after_s) e = Entry{};
  ++e.failures;
  e.last_failure = now;
  int over = e.failures - options_.free_failures;
  if (over <= 0) return;
  int64_t delay = options_.base_delay_s;
  for (int i = 1; i < over && delay < options_.max_delay_s; ++i) delay *= 2;
  e.blocked_until = now + std::min(delay, options_.max_delay_s);
}

void LoginThrottle::recordSuccess(std::string_view account, std::string_view ip) {
  keys_.erase(key(account, ip));
}

void LoginThrottle::prune(int64_t now) {
  std::erase_if(keys_, [&](const auto& kv) {
    return now - kv.second.last_failure >= options_.forget_after_s &&
           kv.second.blocked_until <= now;
  });
  // Still full of fresh keys (an attack from many addresses): drop the half
  // that failed longest ago rather than grow without bound.
  if (keys_.size() >= options_.max_keys) {
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
