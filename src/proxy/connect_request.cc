// handleConnect: an HTTPS tunnel, through the same stages as HTTP
// (request_stages.h), decided on the host. The TLS ClientHello is read before
// any byte goes upstream: if its server name differs from the CONNECT host
// and is blocked, the tunnel is closed instead. With TLS inspection on for
// the group, the connection is opened instead (inspectConnect).
#include <fmt/format.h>

#include "proxy/request_exit.h"
#include "proxy/request_stages.h"
#include "proxy/tls_streams.h"

namespace esafety::proxy {
namespace {

// act's kTunnel: connect to the site, answer 200, read the ClientHello,
// check its name, then copy bytes both ways until either side is done.
awaitable<Outcome> openTunnel(ClientConnection& client, RequestContext& request, WorkerState& worker) {
  const auto& cfg = request.shared.config.proxy;
  const auto timeout = seconds(cfg.idle_timeout_s);
  ConnectResult connected = co_await connectUpstream(request.forward.host, request.forward.port,
                                                     request.shared, worker);
  if (connected.refused) co_return refuseUpstream(request, *connected.refused);
  if (!connected.connection) {
    auto status = connected.error == pages::UpstreamError::kTimeout ? http::status::gateway_timeout
                                                                     : http::status::bad_gateway;
    co_return Outcome::respond(
        plainResponse(status, fmt::format("esafety could not reach {}: {}", request.url->host, connected.detail),
                      request.client_version),
        Tally::kUpstreamError);
  }
  auto& upstream = connected.connection->stream;
  static const char kEstablished[] = "HTTP/1.1 200 Connection established\r\n\r\n";
  client.stream.expires_after(timeout);
  auto [wec, wn] = co_await asio::async_write(
      client.stream, asio::buffer(kEstablished, sizeof kEstablished - 1), kTuple);
  if (wec) co_return Outcome::done(200, 0, 0, false);
  request.record.noteStatus(200);  // what a tunnel cut short at shutdown reports

  // Read the ClientHello (some of it may already be buffered).
  ClientHello hello = co_await readClientHello(client, seconds(cfg.header_timeout_s));
  const std::optional<std::string> none;
  Outcome named = checkTlsName(request, hello.state == HelloState::kComplete ? hello.server_name : none,
                               client.buffer.size(), wn);
  if (named.ends()) co_return std::move(named);  // closes both connections
  uint64_t up = 0, down = wn;
  if (client.buffer.size() > 0) {
    upstream.expires_after(timeout);
    auto [ec, n] = co_await asio::async_write(upstream, client.buffer.data(), kTuple);
    up += n;
    client.buffer.consume(n);
    if (ec) co_return Outcome::done(200, up, down, false);
  }
  request.record.noteBytes(up, down);
  co_await tunnel(client.stream, upstream, timeout, up, down);
  co_return Outcome::done(200, up, down, false);
}

}  // namespace

awaitable<ClientHello> readClientHello(ClientConnection& client, std::chrono::seconds timeout) {
  client.stream.expires_after(timeout);
  ClientHello hello;
  for (;;) {
    auto data = client.buffer.data();
    hello = parseClientHello(std::span(static_cast<const uint8_t*>(data.data()), data.size()));
    if (hello.state != HelloState::kNeedMore || client.buffer.size() >= kMaxHelloBytes) break;
    auto [ec, n] = co_await client.stream.async_read_some(
        client.buffer.prepare(kMaxHelloBytes - client.buffer.size()), kTuple);
    client.buffer.commit(n);
    if (ec) break;
  }
  co_return hello;
}

awaitable<void> handleConnect(ClientConnection& client, RequestParser& parser, ProxyShared& shared,
                              WorkerState& worker) {
  shared.stats.tunnels.fetch_add(1, std::memory_order_relaxed);
  RequestRecord record(shared, client.address());
  record.event().kind = events::EventKind::kConnect;
  record.event().method.assign("CONNECT");
  record.event().setUrl(parser.get().target());
  RequestContext request(shared, record, worker.scratch, parser.get(), client.address());
  request.snapshot = worker.reader.share();
  Outcome outcome = co_await runStages(request);
  if (outcome.next == Next::kInspect) {
    const classify::NormalizedUrl& url = *request.url;
    InspectedOrigin origin{url.host, url.port, url.host_kind == classify::HostKind::kIpv6};
    outcome = co_await inspectConnect(client, record, origin, shared, worker);
  } else if (outcome.next == Next::kTunnel) {
    outcome = co_await openTunnel(client, request, worker);
  }
  co_await finishRequest(client.stream, request, outcome);
}

}  // namespace esafety::proxy
