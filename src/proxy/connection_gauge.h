// Private to src/proxy: one count on the open-connection gauge
// (ProxyStats::connections_open, esafety_proxy_connections_open), held for
// as long as a client connection lives. The accept loop takes it before the
// session is spawned and moves it into the session, so a connection counts
// from accept until its session's frame is gone, however the session ends
// (returned, threw, cancelled, or never started). The service's inFlight()
// reads the same gauge at shutdown.
//
//   ConnectionGauge gauge(stats.connections_open);
//   spawnSession(io, runSession(std::move(socket), std::move(gauge), ...), ...);
#pragma once

#include <atomic>
#include <cstdint>

namespace esafety::proxy {

class ConnectionGauge {
 public:
  explicit ConnectionGauge(std::atomic<int64_t>& gauge) : gauge_(&gauge) {
    gauge_->fetch_add(1, std::memory_order_relaxed);
  }
  ConnectionGauge(ConnectionGauge&& other) noexcept : gauge_(other.gauge_) { other.gauge_ = nullptr; }
  ConnectionGauge& operator=(ConnectionGauge&&) = delete;
  ConnectionGauge(const ConnectionGauge&) = delete;
  ConnectionGauge& operator=(const ConnectionGauge&) = delete;
  ~ConnectionGauge() {
    if (gauge_ != nullptr) gauge_->fetch_sub(1, std::memory_order_relaxed);
  }

 private:
  std::atomic<int64_t>* gauge_;
};

}  // namespace esafety::proxy
