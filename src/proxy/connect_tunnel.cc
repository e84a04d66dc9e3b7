// handleConnect: an HTTPS tunnel, decided on host:port. The TLS ClientHello
// is read before any byte goes upstream: if its server name differs from the
// CONNECT host and is blocked, the tunnel is closed instead.
#include <fmt/format.h>

#include "policy/explanation.h"
#include "proxy/client_hello.h"
#include "proxy/client_identity.h"
#include "proxy/inspection_checks.h"
#include "proxy/request_record.h"
#include "proxy/session_io.h"
#include "proxy/tls_streams.h"

namespace esafety::proxy {

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
  auto& req = parser.get();
  const auto& cfg = shared.config.proxy;
  shared.stats.tunnels.fetch_add(1, std::memory_order_relaxed);
  RequestRecord record(shared, client.address());
  record.event().kind = events::EventKind::kConnect;
  record.event().method.assign("CONNECT");
  std::string authority(req.target());
  record.event().setUrl(authority);
  const auto timeout = seconds(cfg.idle_timeout_s);

  auto answer = [&](http::status status, std::string text) -> awaitable<void> {
    Response res = plainResponse(status, text, req.version());
    size_t n = co_await writeResponse(client.stream, res, timeout);
    record.finish(static_cast<uint16_t>(status), 0, n);
  };

  auto url = classify::normalizeUrl(authority);
  if (!url || url->port == 0 || !url->path.empty() || url->had_userinfo) {
    shared.stats.bad_requests.fetch_add(1, std::memory_order_relaxed);
    record.event().verdict = policy::Verdict::kBlock;
    co_await answer(http::status::bad_request,
                    fmt::format("esafety: CONNECT needs host:port, not '{}'", authority));
    co_return;
  }
  std::shared_ptr<const policy::Snapshot> snapshot = worker.reader.share();
  ClientAccess access;  // who, with the captive portal and proxy sign-in (client_identity.h)
  co_await identifyClient(access, *snapshot,
                          {.address = client.address(),
                           .proxy_authorization = std::string_view(req[http::field::proxy_authorization]),
                           .connect = true, .url = authority, .host = url->host, .port = url->port,
                           .version = req.version()},
                          shared);
  const policy::ClientIdentity& who = access.who;
  record.setIdentity(who);
  if (access.answer) {
    co_await answerSignIn(client.stream, access, record, timeout);
    co_return;
  }
  if (std::find(cfg.connect_ports.begin(), cfg.connect_ports.end(), url->port) ==
      cfg.connect_ports.end()) {
    shared.stats.blocked.fetch_add(1, std::memory_order_relaxed);
    record.event().verdict = policy::Verdict::kBlock;
    record.event().category.assign("connect-port");
    co_await answer(http::status::forbidden,
                    fmt::format("esafety: secure connections to port {} are not allowed here",
                                url->port));
    co_return;
  }
  if (who.group == nullptr) {
    co_await answer(http::status::forbidden, "esafety: the school has no filter groups set up");
    co_return;
  }
  LocalTime now = shared.clock.localNow();
  policy::Decision d =
      snapshot->decide(*who.group, policy::Target::forHost(url->host), now, {}, worker.scratch);
  record.setDecision(*snapshot, d);
  // CONNECT to an IP literal, a DoH resolver, a VPN or proxy provider: tagged
  // for monitoring, and blocked where the group's rules say.
  if (checkCircumvention(record, *url, true, *who.group) && d.verdict != policy::Verdict::kBlock) {
    record.event().verdict = policy::Verdict::kBlock;
    record.event().step = policy::StepId::kCategory;
    record.event().category.assign("circumvention");
    shared.stats.circumvention_tagged.fetch_add(1, std::memory_order_relaxed);
    shared.stats.blocked.fetch_add(1, std::memory_order_relaxed);
    co_await answer(http::status::forbidden,
                    fmt::format("esafety blocked {}: {} blocks services that get round the "
                                "school's filter (reference {})",
                                url->host, who.group->config.name, record.reference()));
    co_return;
  } else if (!record.event().tags.empty()) {
    shared.stats.circumvention_tagged.fetch_add(1, std::memory_order_relaxed);
  }
  // With inspection, even a blocked site is opened: each request inside gets
  // the block page, which the browser shows, instead of a tunnel error.
  TlsInspection* tls = shared.tls.load(std::memory_order_acquire);
  const bool inspect = tls != nullptr && who.group->config.inspect_tls;
  if (inspect && !tls->noInspect()->matches(url->host)) {
    InspectedOrigin origin{url->host, url->port, url->host_kind == classify::HostKind::kIpv6};
    co_await handleInspectedConnect(client, record, origin, shared, worker);
    co_return;
  }
  if (inspect) shared.stats.tls_not_inspected.fetch_add(1, std::memory_order_relaxed);
  if (d.verdict == policy::Verdict::kBlock) {
    // A browser shows its own error for a refused tunnel, not this text;
    // the block page needs TLS inspection (see docs/operations.md).
    shared.stats.blocked.fetch_add(1, std::memory_order_relaxed);
    policy::Explanation e = policy::explain(*snapshot, *who.group, policy::Target::forHost(url->host),
                                            now, d, worker.scratch);
    co_await answer(http::status::forbidden,
                    fmt::format("esafety blocked {}: {} (reference {})", url->host, e.reason,
                                record.reference()));
    co_return;
  }
  std::string host = d.verdict == policy::Verdict::kRewrite ? std::string(d.rewrite_host) : url->host;
  ConnectResult connected = co_await connectUpstream(host, url->port, shared, worker);
  if (!connected.connection) {
    shared.stats.upstream_errors.fetch_add(1, std::memory_order_relaxed);
    auto status = connected.error == pages::UpstreamError::kTimeout ? http::status::gateway_timeout
                                                                     : http::status::bad_gateway;
    co_await answer(status, fmt::format("esafety could not reach {}: {}", url->host, connected.detail));
    co_return;
  }
  auto& upstream = connected.connection->stream;
  static const char kEstablished[] = "HTTP/1.1 200 Connection established\r\n\r\n";
  client.stream.expires_after(timeout);
  auto [wec, wn] = co_await asio::async_write(
      client.stream, asio::buffer(kEstablished, sizeof kEstablished - 1), kTuple);
  if (wec) {
    record.finish(200, 0, 0);
    co_return;
  }

  // Read the ClientHello (some of it may already be buffered).
  ClientHello hello = co_await readClientHello(client, seconds(cfg.header_timeout_s));
  if (hello.state == HelloState::kComplete && hello.server_name && *hello.server_name != url->host) {
    auto sni = classify::normalizeHost(*hello.server_name);
    if (sni) {
      policy::Decision by_name =
          snapshot->decide(*who.group, policy::Target::forHost(*sni), now, {}, worker.scratch);
      if (by_name.verdict == policy::Verdict::kBlock) {
        shared.stats.blocked.fetch_add(1, std::memory_order_relaxed);
        record.event().setUrl(fmt::format("{} (TLS name {})", authority, *sni));
        record.setDecision(*snapshot, by_name);
        record.finish(200, client.buffer.size(), wn);
        co_return;  // closes both connections
      }
    }
  }
  uint64_t up = 0, down = wn;
  if (client.buffer.size() > 0) {
    upstream.expires_after(timeout);
    auto [ec, n] = co_await asio::async_write(upstream, client.buffer.data(), kTuple);
    up += n;
    client.buffer.consume(n);
    if (ec) {
      record.finish(200, up, down);
      co_return;
    }
  }
  co_await tunnel(client.stream, upstream, timeout, up, down);
  record.finish(200, up, down);
}

}  // namespace esafety::proxy
