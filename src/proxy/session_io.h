// Private to src/proxy: the pieces of a client connection that the HTTP and
// CONNECT handlers share, and the byte pumps between two streams.
#pragma once

#include <array>
#include <chrono>
#include <string>

#include "proxy/proxy_types.h"
#include "proxy/responses.h"

namespace esafety::proxy {

struct ClientConnection {
  explicit ClientConnection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  beast::flat_buffer buffer;  // bytes read past the current request head
  std::array<uint8_t, 16> ip{};
  size_t ip_length = 4;
  std::span<const uint8_t> address() const { return {ip.data(), ip_length}; }
};

using RequestParser = http::request_parser<http::buffer_body>;

inline std::chrono::seconds seconds(uint32_t s) { return std::chrono::seconds(s); }

// Writes a response with a timeout; returns the bytes written (0 on error).
awaitable<size_t> writeResponse(beast::tcp_stream& stream, Response& response,
                                std::chrono::seconds timeout);

// Handles one request that is not CONNECT. Returns true when the client
// connection may carry another request.
awaitable<bool> handleHttp(ClientConnection& client, RequestParser& parser, ProxyShared& shared,
                           WorkerState& worker);

// Handles a CONNECT request; the connection ends with it.
awaitable<void> handleConnect(ClientConnection& client, RequestParser& parser,
                              ProxyShared& shared, WorkerState& worker);

// Copies bytes both ways between two streams until both sides have closed
// or one has been idle for `idle`. Adds the bytes each way to the counters.
awaitable<void> tunnel(beast::tcp_stream& client, beast::tcp_stream& upstream,
                       std::chrono::seconds idle, uint64_t& client_to_upstream,
                       uint64_t& upstream_to_client);

// Resolves (static hosts first) and connects, with the configured timeouts.
struct ConnectResult {
  std::unique_ptr<UpstreamConnection> connection;
  pages::UpstreamError error = pages::UpstreamError::kConnectionRefused;
  std::string detail;
};
awaitable<ConnectResult> connectUpstream(const std::string& host, uint16_t port,
                                         ProxyShared& shared, WorkerState& worker);

}  // namespace esafety::proxy
