#include "dns/rate_limiter.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace esafety::dns {

RateLimiter::RateLimiter(uint32_t qps)
    : qps_(qps), stripes_(qps ? new Stripe[kStripes] : nullptr) {}

bool RateLimiter::allow(std::span<const uint8_t> address, int64_t now_ms) {
  if (qps_ == 0) return true;
  size_t n = std::min<size_t>(address.size(), 16);
  size_t h = std::hash<std::string_view>{}(
      std::string_view(reinterpret_cast<const char*>(address.data()), n));
  size_t index = h % kSlots;
  Stripe& stripe = stripes_[index / kSlotsPerStripe];
  MutexLock lock(stripe.mutex);
  Slot& s = stripe.slots[index % kSlotsPerStripe];
  bool same = s.size == n && std::memcmp(s.address.data(), address.data(), n) == 0;
  // Take the slot over only from an address that has gone quiet; otherwise
  // the two share its bucket.
  if (!same && (s.size == 0 || now_ms - s.last_ms >= 1000)) {
    std::memcpy(s.address.data(), address.data(), n);
    s.size = static_cast<uint8_t>(n);
    s.tokens = qps_;
    s.last_ms = now_ms;
  }
  double refill = static_cast<double>(std::max<int64_t>(now_ms - s.last_ms, 0)) * qps_ / 1000.0;
  s.tokens = std::min<double>(qps_, s.tokens + refill);
  s.last_ms = now_ms;
  if (s.tokens < 1) return false;
  s.tokens -= 1;
  return true;
}

}  // namespace esafety::dns
