#include "proxy/upstream_exchange.h"

#include "proxy/body_relay.h"

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

// A pooled connection for the site on the first try, else a new one; on a
// failure to connect, ex.ended is the error page.
template <class Stream>
awaitable<void> obtainConnection(Exchange<Stream>& ex, RequestContext& request,
                                 WorkerState& worker, bool first_try) {
  using Up = Upstream<Stream>;
  const ForwardPlan& plan = request.forward;
  ProxyStats& stats = request.shared.stats;
  ex.upstream = first_try && !plan.websocket ? Up::pool(worker).take(plan.pool_key, stats) : nullptr;
  if (ex.upstream) {
    stats.upstream_reused.fetch_add(1, std::memory_order_relaxed);
    co_return;
  }
  auto connected = co_await Up::connect(plan.host, plan.port, request.shared, worker);
  if (!connected.connection) {
    ex.ended = upstreamError(request, connected.error, connected.detail, 0);
    co_return;
  }
  ex.upstream = std::move(connected.connection);
}

// Reads the response head, skipping 100 Continue and 103 Early Hints.
template <class Connection>
awaitable<boost::system::error_code> readResponseHead(Connection& upstream,
                                                      std::optional<ResponseParser>& response,
                                                      const RequestContext& request) {
  const auto& cfg = request.shared.config.proxy;
  for (;;) {
    response.emplace();
    response->header_limit(cfg.header_limit_bytes);
    response->body_limit(boost::none);
    if (request.request.method() == http::verb::head) response->skip(true);
    beast::get_lowest_layer(upstream.stream).expires_after(seconds(cfg.upstream_timeout_s));
    auto [ec, n] = co_await http::async_read_header(upstream.stream, upstream.buffer, *response, kTuple);
    if (ec) co_return ec;
    int status = response->get().result_int();
    if (status < 100 || status >= 200 || status == 101) co_return ec;
  }
}

// Sends the request on ex.upstream: "100 Continue" first when the client
// asked, then its head and body.
template <class Stream>
awaitable<RelayResult> sendRequest(ClientIo<Stream>& client, RequestParser& parser,
                                   Exchange<Stream>& ex, const RequestContext& request, bool first_try) {
  const auto& cfg = request.shared.config.proxy;
  if (request.forward.expect_continue && first_try) {
    static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
    beast::get_lowest_layer(client.stream).expires_after(seconds(cfg.idle_timeout_s));
    co_await asio::async_write(client.stream, asio::buffer(kContinue, sizeof kContinue - 1), kTuple);
  }
  co_return co_await relayBody(client.stream, client.buffer, parser, ex.upstream->stream,
                               seconds(cfg.idle_timeout_s), seconds(cfg.upstream_timeout_s));
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

template <class Stream>
awaitable<void> exchangeWithSite(Exchange<Stream>& ex, ClientIo<Stream>& client, RequestParser& parser,
                                 RequestContext& request, WorkerState& worker) {
  if (request.has_body) client.buffer.reserve(16384);  // read uploads in large pieces, not 512 bytes
  for (int attempt = 0; attempt < 2; ++attempt) {
    const bool first_try = attempt == 0;
    co_await obtainConnection(ex, request, worker, first_try);
    if (ex.ended.ends()) co_return;
    RelayResult sent = co_await sendRequest(client, parser, ex, request, first_try);
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
    boost::system::error_code ec = co_await readResponseHead(*ex.upstream, ex.response, request);
    if (!ec) co_return;
    if (retryable) continue;
    ex.ended = upstreamError(request, failureKind(ec), ec.message(), ex.bytes_in);
    co_return;
  }
  co_return;  // not reached: the second try always ends above
}

template awaitable<void> exchangeWithSite(Exchange<beast::tcp_stream>&, ClientIo<beast::tcp_stream>&,
                                          RequestParser&, RequestContext&, WorkerState&);
template awaitable<void> exchangeWithSite(Exchange<TlsClientStream>&, ClientIo<TlsClientStream>&,
                                          RequestParser&, RequestContext&, WorkerState&);

}  // namespace esafety::proxy
