// Private to src/proxy: the pieces of a client connection that the HTTP and
// CONNECT handlers share, and the byte pumps between two streams.
//
// The HTTP handling is a template over the client's stream type: a plain
// beast::tcp_stream, or TlsClientStream (tls_streams.h) for HTTPS opened by
// TLS inspection. The templates are defined and explicitly instantiated in
// the .cc files (http_request.cc, upstream_exchange.cc, response_relay.cc,
// request_exit.cc, proxy_session.cc, upstream_connect.cc), so
// only those pay for Beast's and Asio's SSL templates.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>

#include "proxy/proxy_types.h"
#include "proxy/responses.h"
#include "proxy/session_registry.h"

namespace esafety::proxy {

struct ClientConnection {
  explicit ClientConnection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  beast::flat_buffer buffer;  // bytes read past the current request head
  std::array<uint8_t, 16> ip{};
  size_t ip_length = 4;
  SessionControl* session = nullptr;  // the session serving it (shutdown; session_registry.h)
  std::span<const uint8_t> address() const { return {ip.data(), ip_length}; }
};

// Where requests on an inspected connection go: the CONNECT's host and port.
struct InspectedOrigin {
  std::string host;  // normalised; IPv6 without brackets
  uint16_t port = 443;
  bool ipv6 = false;
};

// One client connection as the request loop sees it: a stream (plain or TLS),
// its read buffer, and for TLS the origin its requests are for.
template <class Stream>
struct ClientIo {
  Stream& stream;
  beast::flat_buffer& buffer;
  std::span<const uint8_t> address;
  const InspectedOrigin* origin = nullptr;  // set for inspected HTTPS
  ClientConnection* connection = nullptr;   // set for plain connections (CONNECT needs it)
  SessionControl* session = nullptr;        // null in tests: no shutdown to watch for
};

using RequestParser = http::request_parser<http::buffer_body>;

inline std::chrono::seconds seconds(uint32_t s) { return std::chrono::seconds(s); }

// Writes a response with a timeout; returns the bytes written (0 on error).
template <class Stream>
awaitable<size_t> writeResponse(Stream& stream, Response& response, std::chrono::seconds timeout);

// Reads request heads one after another and handles each (keep-alive),
// until the connection ends, or, once shutdown has begun, until the request
// in hand is done (client.session). A CONNECT on a plain connection goes to
// handleConnect; inside an inspected one it is refused.
template <class Stream>
awaitable<void> serveRequests(ClientIo<Stream>& client, ProxyShared& shared, WorkerState& worker);

// Handles one request that is not CONNECT through the stages
// (http_request.cc). Returns true when the client connection may carry
// another request.
template <class Stream>
awaitable<bool> handleHttp(ClientIo<Stream>& client, RequestParser& parser, ProxyShared& shared,
                           WorkerState& worker);

// Handles a CONNECT request through the stages (connect_request.cc); the
// connection ends with it.
awaitable<void> handleConnect(ClientConnection& client, RequestParser& parser,
                              ProxyShared& shared, WorkerState& worker);

// Copies bytes both ways between two streams until both sides have closed
// or one has been idle for `idle`. Adds the bytes each way to the counters.
template <class A, class B>
awaitable<void> tunnel(A& client, B& upstream, std::chrono::seconds idle,
                       uint64_t& client_to_upstream, uint64_t& upstream_to_client);

// Resolves (static hosts first), checks every address with shared.guard
// (upstream_guard.h), and connects to those same addresses, with the
// configured timeouts. An internal address among them: no connection, and
// `refused` says which (the caller answers with refuseUpstream).
struct ConnectResult {
  std::unique_ptr<UpstreamConnection> connection;
  pages::UpstreamError error = pages::UpstreamError::kConnectionRefused;
  std::string detail;
  std::optional<AddressRefusal> refused;
};
awaitable<ConnectResult> connectUpstream(const std::string& host, uint16_t port,
                                         ProxyShared& shared, WorkerState& worker);

}  // namespace esafety::proxy
