// RateLimiter: a token bucket per client address, for `dns.rate_limit_qps`.
// Off by default, because a whole school can sit behind one NAT address.
//
// A fixed table of kSlots buckets, hashed by address: memory is bounded no
// matter how many addresses a flood uses. Two addresses that share a slot
// share a bucket until one of them has been idle for a second and the slot is
// taken over, so a collision can only make the limit stricter for a moment,
// never let a client exceed it.
//
//   RateLimiter limiter(20);                    // 20 queries a second, burst of 20
//   if (!limiter.allow(client_bytes, now_ms)) drop();
//
// Threads: allow() is safe from any thread (one mutex per 64-slot stripe).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>

#include "core/mutex.h"

namespace esafety::dns {

class RateLimiter {
 public:
  static constexpr size_t kSlots = 8192;

  // qps 0: allow() is always true.
  explicit RateLimiter(uint32_t qps);
  bool enabled() const { return qps_ != 0; }
  // `address` is 4 or 16 bytes; `now_ms` any monotonic milliseconds.
  bool allow(std::span<const uint8_t> address, int64_t now_ms);

 private:
  struct Slot {
    std::array<uint8_t, 16> address{};
    uint8_t size = 0;
    double tokens = 0;
    int64_t last_ms = 0;
  };
  static constexpr size_t kSlotsPerStripe = 64;
  static constexpr size_t kStripes = kSlots / kSlotsPerStripe;
  // Slot i lives in stripe i / 64, behind that stripe's mutex.
  struct Stripe {
    Mutex mutex;
    std::array<Slot, kSlotsPerStripe> slots GUARDED_BY(mutex);
  };

  uint32_t qps_;
  std::unique_ptr<Stripe[]> stripes_;  // kStripes of them; null when off
};

}  // namespace esafety::dns
