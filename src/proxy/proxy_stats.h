// Counters the proxy keeps for /metrics and the console. Plain atomics,
// updated from any data-plane thread.
#pragma once

#include <array>
#include <atomic>

#include <cstdint>

#include "core/metrics.h"
#include "tls/leaf_cache_stats.h"

namespace esafety::proxy {

struct ProxyStats {
  std::atomic<uint64_t> connections_accepted{0};
  std::atomic<uint64_t> connections_refused{0};  // outside the school networks, or over the limit
  std::atomic<int64_t> connections_open{0};        // ConnectionGauge: accept until the session is gone
  std::atomic<uint64_t> accept_errors{0};          // accepts that failed (then backed off)
  std::atomic<uint64_t> session_errors{0};         // sessions ended by an exception (session_spawn.h)
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> tunnels{0};
  std::atomic<uint64_t> blocked{0};
  std::atomic<uint64_t> bad_requests{0};        // answered 400, 408 or 431
  std::atomic<uint64_t> upstream_errors{0};     // answered 502 or 504, or cut mid-body
  std::atomic<uint64_t> upstream_reused{0};     // requests sent on a pooled connection
  std::atomic<uint64_t> upstream_connects{0};   // new upstream connections
  std::atomic<int64_t> upstream_idle{0};        // connections waiting in the pools
  std::atomic<uint64_t> events_dropped{0};      // the event queue was full
  // TLS inspection.
  std::atomic<uint64_t> tls_inspected{0};        // CONNECTs opened with a minted leaf
  std::atomic<uint64_t> tls_not_inspected{0};    // tunnelled because the site is on the no-inspect list
  std::atomic<uint64_t> tls_client_handshake_failures{0};  // the browser refused our leaf, or spoke no TLS
  std::atomic<uint64_t> tls_upstream_verify_failures{0};   // the site's certificate failed verification
  tls::LeafCacheStats leaf_cache;
  // Content inspection.
  std::atomic<uint64_t> pages_scanned{0};           // responses run through the phrase scanner
  std::atomic<uint64_t> bytes_scanned{0};           // decoded body bytes scanned
  std::atomic<uint64_t> pages_blocked_by_score{0};  // block page sent for the page's words
  std::atomic<uint64_t> pages_cut_by_score{0};      // cut after part of the page had gone out
  std::atomic<uint64_t> searches_blocked{0};        // search words on a blocked monitoring list
  std::atomic<uint64_t> circumvention_tagged{0};    // events tagged "circumvention"
  // Requests refused for where they go (guardUpstream, refuseUpstream),
  // by pages::UpstreamRefusal: internal address, HTTP port, tunnel port.
  std::array<std::atomic<uint64_t>, 3> upstream_refused{};
  // Connections refused because their address already held
  // proxy.max_connections_per_client (also in connections_refused).
  std::atomic<uint64_t> connections_over_client_cap{0};
  // Request latency, head received to response sent (a MetricsRegistry
  // histogram, set by the service; null in tests without metrics).
  Histogram* latency = nullptr;

  void observeLatency(double seconds) {
    if (latency != nullptr) latency->observe(seconds);
  }
};

}  // namespace esafety::proxy
