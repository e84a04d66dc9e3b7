// Counters the proxy keeps for /metrics and the console. Plain atomics,
// updated from any data-plane thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

namespace esafety::proxy {

struct ProxyStats {
  std::atomic<uint64_t> connections_accepted{0};
  std::atomic<uint64_t> connections_refused{0};  // outside the school networks, or over the limit
  std::atomic<int64_t> connections_open{0};
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> tunnels{0};
  std::atomic<uint64_t> blocked{0};
  std::atomic<uint64_t> bad_requests{0};        // answered 400, 408 or 431
  std::atomic<uint64_t> upstream_errors{0};     // answered 502 or 504, or cut mid-body
  std::atomic<uint64_t> upstream_reused{0};     // requests sent on a pooled connection
  std::atomic<uint64_t> upstream_connects{0};   // new upstream connections
  std::atomic<int64_t> upstream_idle{0};        // connections waiting in the pools
  std::atomic<uint64_t> events_dropped{0};      // the event queue was full
  // Request latency (head received to response complete), in buckets of
  // kLatencyBounds seconds; the last bucket is +Inf.
  static constexpr std::array<double, 12> kLatencyBounds = {
      0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};
  std::array<std::atomic<uint64_t>, kLatencyBounds.size() + 1> latency_buckets{};
  std::atomic<uint64_t> latency_sum_us{0};

  void observeLatency(double seconds) {
    size_t i = 0;
    while (i < kLatencyBounds.size() && seconds > kLatencyBounds[i]) ++i;
    latency_buckets[i].fetch_add(1, std::memory_order_relaxed);
    latency_sum_us.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  }
};

}  // namespace esafety::proxy
