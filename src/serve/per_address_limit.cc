#include "serve/per_address_limit.h"

#include <algorithm>

namespace esafety::serve {

bool PerAddressLimit::allow(const std::string& address, int64_t now) {
  auto it = windows_.find(address);
  if (it == windows_.end()) {
    if (windows_.size() >= max_addresses_) {
      std::erase_if(windows_, [&](const auto& entry) { return now - entry.second.start >= window_s_; });
      if (windows_.size() >= max_addresses_) return false;
    }
    it = windows_.emplace(address, Window{now, 0}).first;
  }
  Window& w = it->second;
  if (now - w.start >= window_s_) w = Window{now, 0};
  if (w.count >= limit_) return false;
  ++w.count;
  return true;
}

int64_t PerAddressLimit::retryAfter(const std::string& address, int64_t now) const {
  auto it = windows_.find(address);
  if (it == windows_.end() || it->second.count < limit_) return 0;
  return std::max<int64_t>(0, it->second.start + window_s_ - now);
}

}  // namespace esafety::serve
