#include "proxy/upstream_exchange.h"

#include "proxy/body_relay.h"
#include "proxy/request_stages.h"

namespace esafety::proxy {
namespace {

pages::UpstreamError failureKind(const boost::system::error_code& ec) {
  if (ec == beast::error::timeout) return pages::UpstreamError::kTimeout;
  if (ec == http::error::end_of_stream || ec == asio::error::eof ||
      ec == ssl::error::stream_truncated || ec == asio::error::connection_reset) {
    return pages::UpstreamError::kConnectionReset;
  }
  return pages::UpstreamError::kBadResponse;
}

Outcome upstreamError(RequestContext& request, pages::UpstreamError kind, std::string_view detail,
                      uint64_t bytes_in) {
  Outcome o = Outcome::respond(
      upstreamErrorResponse(kind, request.url->host, detail, request.client_version),
      Tally::kUpstreamError);
  o.bytes_in = bytes_in;
  return o;
}

// No pooled connection to use: a new one, or on a failure ex.ended is the
// error page.
template <class Stream>
awaitable<void> connectFresh(Exchange<Stream>& ex, RequestContext& request, WorkerState& worker) {
  const ForwardPlan& plan = request.forward;
  auto connected = co_await Upstream<Stream>::connect(plan.host, plan.port, request.shared, worker);
  if (connected.refused) {
    ex.ended = refuseUpstream(request, *connected.refused);
    co_return;
  }
  if (!connected.connection) {
    ex.ended = upstreamError(request, connected.error, connected.detail, 0);
    co_return;
  }
  ex.upstream = std::move(connected.connection);
}

template <class Stream>
awaitable<void> sendContinue(ClientIo<Stream>& client, std::chrono::seconds timeout) {
  static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
  beast::get_lowest_layer(client.stream).expires_after(timeout);
  co_await asio::async_write(client.stream, asio::buffer(kContinue, sizeof kContinue - 1), kTuple);
}

void prepareResponseParser(std::optional<ResponseParser>& response, const RequestContext& request) {
  response.emplace();
  response->header_limit(request.shared.config.proxy.header_limit_bytes);
  response->body_limit(boost::none);
  if (request.request.method() == http::verb::head) response->skip(true);
}

// The client failed while its body was being sent on.
Outcome clientBodyFailed(RequestContext& request, const RelayResult& sent) {
  if (isParseError(sent.error)) {
    // A malformed body (a bad chunk size, say): nothing has been sent to the
    // client yet, so it can still be told.
    request.record.event().verdict = policy::Verdict::kBlock;
    return Outcome::respond(
        badRequestResponse(http::status::bad_request,
                           "the request body is not valid (" + sent.error.message() + ")"),
        Tally::kBadRequest);
  }
  return Outcome::done(0, sent.bytes, 0, false);  // the client went away mid-body
}

}  // namespace

// The usual path (a pooled connection, no 100 Continue) awaits only the
// relay and the reads, with no coroutine of its own: each costs a frame.
template <class Stream>
awaitable<void> exchangeWithSite(Exchange<Stream>& ex, ClientIo<Stream>& client, RequestParser& parser,
                                 RequestContext& request, WorkerState& worker) {
  const auto& cfg = request.shared.config.proxy;
  const ForwardPlan& plan = request.forward;
  ProxyStats& stats = request.shared.stats;
  if (request.has_body) client.buffer.reserve(16384);  // read uploads in large pieces, not 512 bytes
  for (int attempt = 0; attempt < 2; ++attempt) {
    const bool first_try = attempt == 0;
    ex.upstream = first_try && !plan.websocket ? Upstream<Stream>::pool(worker).take(plan.pool_key, stats)
                                               : nullptr;
    if (ex.upstream) {
      stats.upstream_reused.fetch_add(1, std::memory_order_relaxed);
    } else {
      co_await connectFresh(ex, request, worker);
      if (ex.ended.ends()) co_return;
    }
    if (plan.expect_continue && first_try) co_await sendContinue(client, seconds(cfg.idle_timeout_s));
    RelayResult sent = co_await relayBody(client.stream, client.buffer, parser, ex.upstream->stream,
                                          seconds(cfg.idle_timeout_s), seconds(cfg.upstream_timeout_s));
    ex.bytes_in = sent.bytes;
    request.record.noteBytes(ex.bytes_in, 0);
    if (!sent.ok && sent.input_failed) {
      ex.ended = clientBodyFailed(request, sent);
      co_return;
    }
    // A pooled connection the site had closed: try once more on a new one.
    const bool retryable = ex.upstream->reused && !request.has_body && first_try;
    if (!sent.ok) {
      if (retryable) continue;
      ex.ended = upstreamError(request, pages::UpstreamError::kConnectionReset,
                               "the site closed the connection", ex.bytes_in);
      co_return;
    }
    // The response head, past any 100 Continue and 103 Early Hints.
    boost::system::error_code ec;
    for (;;) {
      prepareResponseParser(ex.response, request);
      beast::get_lowest_layer(ex.upstream->stream).expires_after(seconds(cfg.upstream_timeout_s));
      auto [rec, n] = co_await http::async_read_header(ex.upstream->stream, ex.upstream->buffer,
                                                       *ex.response, kTuple);
      ec = rec;
      const int status = ec ? 0 : ex.response->get().result_int();
      if (ec || status < 100 || status >= 200 || status == 101) break;
    }
    if (!ec) co_return;
    if (retryable) continue;
    ex.ended = upstreamError(request, failureKind(ec), ec.message(), ex.bytes_in);
    co_return;
  }
}

template awaitable<void> exchangeWithSite(Exchange<beast::tcp_stream>&, ClientIo<beast::tcp_stream>&,
                                          RequestParser&, RequestContext&, WorkerState&);
template awaitable<void> exchangeWithSite(Exchange<TlsClientStream>&, ClientIo<TlsClientStream>&,
                                          RequestParser&, RequestContext&, WorkerState&);

}  // namespace esafety::proxy
