// Resolving and connecting to origin servers, and the byte tunnel.
#include <boost/asio/experimental/awaitable_operators.hpp>

#include "proxy/session_io.h"
#include "proxy/tls_streams.h"

namespace esafety::proxy {
namespace {

std::optional<AddressRefusal> refusedAddress(const UpstreamGuard& guard, const std::string& host,
                                             const asio::ip::address& address) {
  AddressKind kind;
  if (address.is_v4()) {
    auto bytes = address.to_v4().to_bytes();
    kind = guard.check(host, bytes);
  } else {
    auto bytes = address.to_v6().to_bytes();
    kind = guard.check(host, bytes);
  }
  if (kind == AddressKind::kPublic) return std::nullopt;
  return AddressRefusal{kind, address.to_string()};
}

}  // namespace

awaitable<ConnectResult> connectUpstream(const std::string& host, uint16_t port,
                                         ProxyShared& shared, WorkerState& worker) {
  ConnectResult result;
  const auto timeout = seconds(shared.config.proxy.upstream_connect_timeout_s);
  std::vector<tcp::endpoint> endpoints;
  boost::system::error_code ec;
  if (auto it = shared.static_hosts.find(host); it != shared.static_hosts.end()) {
    auto address = asio::ip::make_address(it->second, ec);
    if (!ec) endpoints.emplace_back(address, port);
  } else {
    auto literal = asio::ip::make_address(host, ec);
    if (!ec) {
      endpoints.emplace_back(literal, port);
    } else {
      // The resolver cannot be given a deadline, so a timer cancels it.
      asio::steady_timer timer(worker.io, timeout);
      timer.async_wait([&worker](boost::system::error_code e) {
        if (!e) worker.resolver.cancel();
      });
      auto [rec, results] = co_await worker.resolver.async_resolve(host, std::to_string(port), kTuple);
      timer.cancel();
      if (rec) {
        result.error = rec == asio::error::operation_aborted ? pages::UpstreamError::kTimeout
                                                             : pages::UpstreamError::kDnsFailure;
        result.detail = rec == asio::error::operation_aborted ? "the name lookup took too long"
                                                              : rec.message();
        co_return result;
      }
      for (const auto& entry : results) endpoints.push_back(entry.endpoint());
    }
  }
  if (endpoints.empty()) {
    result.error = pages::UpstreamError::kDnsFailure;
    result.detail = "the name has no addresses";
    co_return result;
  }
  // Every address that would be tried is checked, and only these are
  // connected: no second lookup that DNS rebinding could answer differently.
  for (const tcp::endpoint& endpoint : endpoints) {
    if (auto refused = refusedAddress(shared.guard, host, endpoint.address())) {
      result.refused = std::move(refused);
      co_return result;
    }
  }
  beast::tcp_stream stream(worker.io);
  stream.expires_after(timeout);
  auto [cec, endpoint] = co_await stream.async_connect(endpoints, kTuple);
  if (cec) {
    result.error = cec == beast::error::timeout ? pages::UpstreamError::kTimeout
                                                : pages::UpstreamError::kConnectionRefused;
    result.detail = cec == beast::error::timeout ? "connecting took too long" : cec.message();
    co_return result;
  }
  stream.socket().set_option(tcp::no_delay(true), ec);
  shared.stats.upstream_connects.fetch_add(1, std::memory_order_relaxed);
  result.connection = std::make_unique<UpstreamConnection>(std::move(stream));
  // Beast reads max(512, spare room) bytes at a time: without room up front an
  // 11 KB page takes 23 reads.
  result.connection->buffer.reserve(16384);
  co_return result;
}

namespace {

template <class From, class To>
awaitable<void> pump(From& from, To& to, std::chrono::seconds idle, uint64_t& count) {
  std::array<char, 16384> buffer;
  for (;;) {
    beast::get_lowest_layer(from).expires_after(idle);
    auto [ec, n] = co_await from.async_read_some(asio::buffer(buffer), kTuple);
    if (n > 0) {
      beast::get_lowest_layer(to).expires_after(idle);
      auto [wec, written] = co_await asio::async_write(to, asio::buffer(buffer.data(), n), kTuple);
      count += written;
      if (wec) break;
    }
    if (ec) break;
  }
  boost::system::error_code ignored;
  if constexpr (std::is_same_v<To, beast::tcp_stream>) {
    to.socket().shutdown(tcp::socket::shutdown_send, ignored);
  } else {
    // TLS has no half-close: once either side is done, end both.
    beast::get_lowest_layer(to).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(from).socket().shutdown(tcp::socket::shutdown_both, ignored);
  }
}

}  // namespace

template <class A, class B>
awaitable<void> tunnel(A& client, B& upstream, std::chrono::seconds idle,
                       uint64_t& client_to_upstream, uint64_t& upstream_to_client) {
  using namespace asio::experimental::awaitable_operators;
  co_await (pump(client, upstream, idle, client_to_upstream) &&
            pump(upstream, client, idle, upstream_to_client));
}

template awaitable<void> tunnel(beast::tcp_stream&, beast::tcp_stream&, std::chrono::seconds,
                                uint64_t&, uint64_t&);
template awaitable<void> tunnel(TlsClientStream&, TlsUpstreamStream&, std::chrono::seconds,
                                uint64_t&, uint64_t&);

template <class Stream>
awaitable<size_t> writeResponse(Stream& stream, Response& response, std::chrono::seconds timeout) {
  beast::get_lowest_layer(stream).expires_after(timeout);
  auto [ec, n] = co_await http::async_write(stream, response, kTuple);
  co_return ec ? 0 : n;
}

template awaitable<size_t> writeResponse(beast::tcp_stream&, Response&, std::chrono::seconds);
template awaitable<size_t> writeResponse(TlsClientStream&, Response&, std::chrono::seconds);

}  // namespace esafety::proxy
