// UpstreamPool: idle keep-alive connections to origin servers, one pool per
// data-plane thread (so no locks), keyed by "host:port". Plain and TLS
// connections live in separate pools (TlsUpstreamPool in tls_streams.h), so a
// plain connection is never handed out for HTTPS or the other way round. A connection is
// taken for one request and given back if the response left it reusable.
// Connections idle longer than kMaxIdle are closed instead of reused, and a
// pooled connection that turns out to be dead is retried once on a fresh one
// by the caller. Private to src/proxy (it holds Beast types).
#pragma once

#include <boost/beast/core.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>

#include "proxy/proxy_stats.h"

namespace esafety::proxy {

struct UpstreamConnection {
  explicit UpstreamConnection(boost::beast::tcp_stream s) : stream(std::move(s)) {}
  boost::beast::tcp_stream stream;
  boost::beast::flat_buffer buffer;  // bytes read past the last response (none if reusable)
  bool reused = false;
};

template <class Connection>
class BasicUpstreamPool {
 public:
  static constexpr std::chrono::seconds kMaxIdle{30};

  explicit BasicUpstreamPool(uint32_t per_host) : per_host_(per_host) {}

  // A live-looking idle connection for `key`, or null.
  std::unique_ptr<Connection> take(const std::string& key, ProxyStats& stats) {
    auto it = idle_.find(key);
    if (it == idle_.end()) return nullptr;
    auto now = std::chrono::steady_clock::now();
    while (!it->second.empty()) {
      Idle entry = std::move(it->second.back());
      it->second.pop_back();
      stats.upstream_idle.fetch_sub(1, std::memory_order_relaxed);
      if (now - entry.since <= kMaxIdle && boost::beast::get_lowest_layer(entry.connection->stream).socket().is_open()) {
        entry.connection->reused = true;
        return std::move(entry.connection);
      }
    }
    return nullptr;
  }

  void give(const std::string& key, std::unique_ptr<Connection> c, ProxyStats& stats) {
    auto& list = idle_[key];
    if (list.size() >= per_host_ || c->buffer.size() != 0) return;  // closes it
    list.push_back({std::move(c), std::chrono::steady_clock::now()});
    stats.upstream_idle.fetch_add(1, std::memory_order_relaxed);
  }

 private:
  struct Idle {
    std::unique_ptr<Connection> connection;
    std::chrono::steady_clock::time_point since;
  };
  uint32_t per_host_;
  std::unordered_map<std::string, std::deque<Idle>> idle_;
};

using UpstreamPool = BasicUpstreamPool<UpstreamConnection>;

}  // namespace esafety::proxy
