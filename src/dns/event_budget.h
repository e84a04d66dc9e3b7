// EventBudget: at most `per_minute` events a minute, across every DNS worker,
// for queries refused because the client is outside the school networks.
// Those queries cost an attacker nothing to send from spoofed addresses, so
// logging each one would let a flood grow events.db without bound; they are
// all counted (esafety_dns_refused_clients_total), and a sample of them, the
// first in each minute, is logged.
//
//   EventBudget budget(config.dns.refused_events_per_minute);
//   if (budget.take(steadyMs())) emitEvent(...); else bump(stats.refused_unlogged);
//
// Thread safety: take() is lock-free and safe from any thread.
#pragma once

#include <atomic>
#include <cstdint>

namespace esafety::dns {

class EventBudget {
 public:
  explicit EventBudget(uint32_t per_minute) : per_minute_(per_minute) {}
  // True when one more event fits in the minute `now_ms` (any monotonic
  // milliseconds) falls in; 0 per minute: never.
  bool take(int64_t now_ms) {
    if (per_minute_ == 0) return false;
    const uint64_t minute = static_cast<uint64_t>(now_ms / 60000) & 0xFFFFFFFFu;
    uint64_t seen = window_.load(std::memory_order_relaxed);
    for (;;) {
      const uint64_t count = (seen >> 32) == minute ? (seen & 0xFFFFFFFFu) : 0;
      if (count >= per_minute_) return false;
      const uint64_t next = (minute << 32) | (count + 1);
      if (window_.compare_exchange_weak(seen, next, std::memory_order_relaxed)) return true;
    }
  }

 private:
  const uint32_t per_minute_;
  std::atomic<uint64_t> window_{0};  // the minute in the high half, its count in the low
};

}  // namespace esafety::dns
