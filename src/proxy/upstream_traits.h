// Private to src/proxy, included only by the .cc files that forward requests
// (they also include tls_streams.h): what differs between plain HTTP and
// inspected HTTPS on the site's side, by the client's stream type: the
// upstream connection type, its keep-alive pool, and how it is made.
#pragma once

#include "proxy/session_io.h"
#include "proxy/tls_streams.h"

namespace esafety::proxy {

template <class Stream>
struct Upstream;

template <>
struct Upstream<beast::tcp_stream> {
  using Connection = UpstreamConnection;
  static UpstreamPool& pool(WorkerState& worker) { return worker.pool; }
  static awaitable<ConnectResult> connect(const std::string& host, uint16_t port, ProxyShared& shared,
                                          WorkerState& worker) {
    co_return co_await connectUpstream(host, port, shared, worker);
  }
};

template <>
struct Upstream<TlsClientStream> {
  using Connection = TlsUpstreamConnection;
  static TlsUpstreamPool& pool(WorkerState& worker) { return *worker.tls_pool; }
  static awaitable<TlsConnectResult> connect(const std::string& host, uint16_t port,
                                             ProxyShared& shared, WorkerState& worker) {
    co_return co_await connectUpstreamTls(host, port, shared, worker);
  }
};

}  // namespace esafety::proxy
