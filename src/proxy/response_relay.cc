#include "proxy/response_relay.h"

#include "inspect/phrase_database.h"
#include "proxy/body_relay.h"
#include "proxy/content_lists.h"
#include "proxy/message_rules.h"
#include "proxy/request_stages.h"
#include "proxy/scanned_relay.h"

namespace esafety::proxy {
namespace {

// The WebSocket handshake succeeded: pass the head on, then bytes both ways.
template <class Stream>
awaitable<Outcome> relayWebSocket(ClientIo<Stream>& client, RequestContext& request, Exchange<Stream>& ex) {
  const auto idle = seconds(request.shared.config.proxy.idle_timeout_s);
  auto& upstream = *ex.upstream;
  RelayResult head = co_await relayBody(upstream.stream, upstream.buffer, *ex.response, client.stream,
                                        seconds(request.shared.config.proxy.upstream_timeout_s), idle,
                                        /*header_only=*/true);
  uint64_t up = 0, down = head.bytes;
  if (head.ok) {
    if (client.buffer.size() > 0) {
      auto [ec, n] = co_await asio::async_write(upstream.stream, client.buffer.data(), kTuple);
      up += n;
      client.buffer.consume(n);
    }
    if (upstream.buffer.size() > 0) {
      auto [ec, n] = co_await asio::async_write(client.stream, upstream.buffer.data(), kTuple);
      down += n;
      upstream.buffer.consume(n);
    }
    request.record.noteBytes(ex.bytes_in + up, down);
    co_await tunnel(client.stream, upstream.stream, idle, up, down);
  }
  co_return Outcome::done(101, ex.bytes_in + up, down, false);
}

// The connection goes back to the pool when the site kept it open and the
// whole response was read.
template <class Stream>
void giveBack(RequestContext& request, Exchange<Stream>& ex, bool upstream_keep, WorkerState& worker) {
  if (upstream_keep && ex.response->is_done()) {
    Upstream<Stream>::pool(worker).give(request.forward.pool_key, std::move(ex.upstream),
                                        request.shared.stats);
  }
}

// Phrase scanning, for groups that have it on, of text pages only.
std::shared_ptr<const inspect::PhraseDatabase> phrasesFor(const RequestContext& request,
                                                          const http::response_header<>& res) {
  const int status = res.result_int();
  if (!request.access.who.group->config.inspect || request.request.method() == http::verb::head ||
      status < 200 || status == 204 || status == 304 ||
      !isScannedContentType(res[http::field::content_type])) {
    return nullptr;
  }
  return request.shared.phrases.load(std::memory_order_acquire);
}

template <class Stream>
awaitable<Outcome> relayThroughScanner(ClientIo<Stream>& client, RequestContext& request,
                                       Exchange<Stream>& ex, std::shared_ptr<const inspect::PhraseDatabase> phrases, bool keep) {
  const ServeConfig& config = request.shared.config;
  auto& res = ex.response->get();
  const int32_t limit = policy::phraseLimitFor(request.access.who.group->config);
  const std::string content_type(res[http::field::content_type]);
  const std::string content_encoding(res[http::field::content_encoding]);
  inspect::PageInspectorOptions options;
  options.content_type = content_type;
  options.content_encoding = content_encoding;
  options.max_scanned_bytes = config.inspect.max_scanned_bytes;
  inspect::PageInspector page(std::move(phrases), options);
  ScanReport report;
  report.page = &page;
  report.limit = limit;
  report.status = static_cast<uint16_t>(res.result_int());
  report.bytes_in = ex.bytes_in;
  report.keep_alive = keep;
  report.relayed = co_await relayScanned(
      ex.upstream->stream, ex.upstream->buffer, *ex.response, client.stream, page,
      ScanRelayOptions{.limit = limit,
                       .hold_bytes = config.inspect.buffer_bytes,
                       .input_timeout = seconds(config.proxy.upstream_timeout_s),
                       .output_timeout = seconds(config.proxy.idle_timeout_s)});
  co_return judgeScan(request, report);
}

}  // namespace

template <class Stream>
awaitable<Outcome> relayResponse(ClientIo<Stream>& client, RequestContext& request,
                                 Exchange<Stream>& ex, WorkerState& worker) {
  auto& res = ex.response->get();
  const auto status = static_cast<uint16_t>(res.result_int());
  if (status == 101 && request.forward.websocket) co_return co_await relayWebSocket(client, request, ex);
  const bool upstream_keep = ex.response->keep_alive();
  bool keep = request.client_keep_alive && !request.forward.websocket;
  removeHopByHop(res, false);
  if (request.client_version == 10) {
    // HTTP/1.0 clients cannot read chunked bodies: send the body raw and close.
    if (res.chunked()) {
      res.chunked(false);
      keep = false;
    }
    res.version(10);
  }
  res.keep_alive(keep);
  // Cut short from here on (shutdown), the event says what the site answered.
  request.record.noteStatus(status);
  request.record.noteBytes(ex.bytes_in, 0);
  if (auto phrases = phrasesFor(request, res)) {
    Outcome scanned = co_await relayThroughScanner(client, request, ex, std::move(phrases), keep);
    giveBack(request, ex, upstream_keep, worker);  // only if the whole response was read
    co_return scanned;
  }
  const auto& cfg = request.shared.config.proxy;
  RelayResult relayed = co_await relayBody(ex.upstream->stream, ex.upstream->buffer, *ex.response,
                                           client.stream, seconds(cfg.upstream_timeout_s),
                                           seconds(cfg.idle_timeout_s));
  if (!relayed.ok) {
    // The head has gone out; the only honest thing left is to cut the connection.
    co_return Outcome::done(status, ex.bytes_in, relayed.bytes, false,
                            relayed.input_failed ? Tally::kUpstreamError : Tally::kNone);
  }
  giveBack(request, ex, upstream_keep, worker);
  co_return Outcome::done(status, ex.bytes_in, relayed.bytes, keep);
}

template awaitable<Outcome> relayResponse(ClientIo<beast::tcp_stream>&, RequestContext&,
                                          Exchange<beast::tcp_stream>&, WorkerState&);
template awaitable<Outcome> relayResponse(ClientIo<TlsClientStream>&, RequestContext&,
                                          Exchange<TlsClientStream>&, WorkerState&);

}  // namespace esafety::proxy
