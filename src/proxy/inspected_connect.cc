// act's kInspect for a CONNECT (tls_streams.h): answer 200, read the
// ClientHello, complete TLS with a leaf minted for the CONNECT's host (only
// ever that name), and serve the requests inside through the same stages as
// plain HTTP (serveRequests, handleHttp).
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>

#include <fmt/format.h>

#include "proxy/tls_streams.h"

namespace esafety::proxy {
namespace {

// A leaf is only ever minted for the CONNECT's host, the name that was
// decided: never for a server name the client chose, which would let any
// device have the school's CA vouch for any name it likes. A ClientHello
// naming another host gets no certificate at all; the name, normalised,
// when it differs, else nothing.
std::optional<std::string> otherServerName(const ClientHello& hello, const InspectedOrigin& origin) {
  if (!hello.server_name) return std::nullopt;
  auto sni = classify::normalizeHost(*hello.server_name);
  if (!sni) return *hello.server_name;
  if (*sni == origin.host) return std::nullopt;
  return std::move(*sni);
}

}  // namespace

awaitable<Outcome> inspectConnect(ClientConnection& client, RequestRecord& record,
                                  const InspectedOrigin& origin, ProxyShared& shared,
                                  WorkerState& worker) {
  const auto& cfg = shared.config.proxy;
  static const char kEstablished[] = "HTTP/1.1 200 Connection established\r\n\r\n";
  client.stream.expires_after(seconds(cfg.idle_timeout_s));
  auto [wec, wn] = co_await asio::async_write(
      client.stream, asio::buffer(kEstablished, sizeof kEstablished - 1), kTuple);
  if (wec) co_return Outcome::done(200, 0, 0, false);
  record.noteStatus(200);
  ClientHello hello = co_await readClientHello(client, seconds(cfg.header_timeout_s));
  if (hello.state != HelloState::kComplete) {
    // Not TLS (or too slow): nothing to inspect, and no tunnel either.
    shared.stats.tls_client_handshake_failures.fetch_add(1, std::memory_order_relaxed);
    co_return Outcome::done(200, client.buffer.size(), wn, false);
  }
  if (auto other = otherServerName(hello, origin)) {
    shared.stats.tls_client_handshake_failures.fetch_add(1, std::memory_order_relaxed);
    record.event().verdict = policy::Verdict::kBlock;
    record.event().category.assign("tls-name");
    record.event().setUrl(fmt::format("{}:{} (TLS name {}, not the CONNECT's host)",
                                      origin.ipv6 ? "[" + origin.host + "]" : origin.host, origin.port, *other));
    co_return Outcome::done(200, client.buffer.size(), wn, false, Tally::kBlocked);
  }
  const std::string& name = origin.host;
  TlsInspection& tls = *shared.tls.load(std::memory_order_acquire);
  auto leaf = tls.cache.get(name);
  if (!leaf) {
    spdlog::warn("no certificate for {}: {}", name, leaf.status().message());
    co_return Outcome::done(200, client.buffer.size(), wn, false);
  }
  shared.stats.tls_inspected.fetch_add(1, std::memory_order_relaxed);
  record.event().setUrl(fmt::format("{}:{} (inspected)", origin.ipv6 ? "[" + origin.host + "]" : origin.host,
                                    origin.port));
  TlsClientStream stream(client.stream, tls.server);
  SSL* ssl = stream.native_handle();
  SSL_use_certificate(ssl, leaf->get());
  SSL_use_PrivateKey(ssl, tls.minter.leafKey());
  client.stream.expires_after(seconds(cfg.header_timeout_s));
  auto [hec, used] = co_await stream.async_handshake(ssl::stream_base::server, client.buffer.data(), kTuple);
  client.buffer.consume(client.buffer.size());
  if (hec) {
    // Usually a device that does not trust the school's CA yet.
    shared.stats.tls_client_handshake_failures.fetch_add(1, std::memory_order_relaxed);
    spdlog::debug("TLS handshake with a client for {} failed: {}", name, hec.message());
    co_return Outcome::done(200, 0, wn, false);
  }
  record.noteBytes(0, wn);
  ClientIo<TlsClientStream> io{stream, client.buffer, client.address(), &origin, nullptr, client.session};
  co_await serveRequests(io, shared, worker);
  co_return Outcome::done(200, 0, wn, false);
}

}  // namespace esafety::proxy
