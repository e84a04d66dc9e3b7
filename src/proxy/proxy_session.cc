// runSession: one client connection: check the client is one of the school's,
// then read request heads one after another (keep-alive) and hand each to the
// HTTP or CONNECT handler. Malformed input gets 400, 408 or 431 and the
// connection is closed; nothing a client sends can end the process.
#include <algorithm>

#include "proxy/request_record.h"
#include "proxy/session_io.h"
#include "proxy/tls_streams.h"

namespace esafety::proxy {
namespace {

// What an idle keep-alive connection's first read of the next request asks
// for, and so holds while it waits.
constexpr size_t kIdleReadBytes = 2048;

enum class HeadResult { kOk, kClosed, kTimeout, kTooLarge, kObsFold, kMalformed };

// Where the request head ends ("\r\n\r\n", or "\n\n" from lax clients), or npos.
size_t headEnd(std::string_view bytes) {
  size_t crlf = bytes.find("\r\n\r\n");
  size_t lf = bytes.find("\n\n");
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::string_view::npos;
  if (crlf == std::string_view::npos) return lf + 2;
  if (lf == std::string_view::npos) return crlf + 4;
  return std::min(crlf + 4, lf + 2);
}

// Reads one request head into `parser`. Unlike Beast's own read, it refuses
// obs-fold (a header line continued on the next line, RFC 9112 §5.2), which
// Beast would quietly join: proxies and servers that disagree about folded
// headers are how requests get smuggled.
template <class Stream>
awaitable<HeadResult> readRequestHead(ClientIo<Stream>& client, RequestParser& parser,
                                      std::chrono::seconds timeout, uint32_t limit,
                                      boost::system::error_code& error) {
  // Beast's own stream timeout closes the socket, and a slow client is owed
  // a 408 first; so a separate timer cancels the read instead.
  beast::tcp_stream& lowest = beast::get_lowest_layer(client.stream);
  lowest.expires_never();
  bool timed_out = false;
  asio::steady_timer timer(lowest.get_executor(), timeout);
  timer.async_wait([&lowest, &timed_out](boost::system::error_code ec) {
    if (ec) return;
    timed_out = true;
    boost::system::error_code ignored;
    lowest.socket().cancel(ignored);
  });
  struct CancelTimer {
    asio::steady_timer& timer;
    ~CancelTimer() { timer.cancel(); }
  } cancel_timer{timer};
  if (std::is_same_v<Stream, beast::tcp_stream> && client.buffer.size() == 0 &&
      client.buffer.capacity() > kIdleReadBytes) {
    // An idle keep-alive connection holds only a small buffer while it
    // waits: with 10,000 of them open, a large one left from a big request
    // would be the difference between ~20 MB and ~200 MB. (Not over TLS: the
    // TLS layer may already hold the next request.)
    client.buffer.shrink_to_fit();
  }
  for (;;) {
    auto data = client.buffer.data();
    std::string_view bytes(static_cast<const char*>(data.data()), data.size());
    size_t end = headEnd(bytes);
    if (end != std::string_view::npos) {
      if (end > limit) co_return HeadResult::kTooLarge;
      std::string_view head = bytes.substr(0, end - 2);
      if (head.find("\n ") != std::string_view::npos || head.find("\n\t") != std::string_view::npos) {
        co_return HeadResult::kObsFold;
      }
      size_t used = parser.put(asio::buffer(data.data(), end), error);
      if (error || !parser.is_header_done()) {
        if (!error) error = http::error::partial_message;
        co_return HeadResult::kMalformed;
      }
      client.buffer.consume(used);
      co_return HeadResult::kOk;
    }
    if (bytes.size() >= limit) co_return HeadResult::kTooLarge;
    // The first read waits in the reactor (no epoll_ctl to re-arm, no
    // FIONREAD): most request heads fit in kIdleReadBytes. A longer head is
    // read in pieces sized by what has arrived.
    size_t want = kIdleReadBytes;
    if (!bytes.empty()) {
      boost::system::error_code available_error;
      size_t available = lowest.socket().available(available_error);
      want = std::clamp<size_t>(available, 1024, 16384);
    }
    auto [ec, n] = co_await client.stream.async_read_some(
        client.buffer.prepare(std::min<size_t>(want, limit + 4 - bytes.size())), kTuple);
    client.buffer.commit(n);
    if (timed_out) co_return HeadResult::kTimeout;
    if (ec) {
      error = ec;
      co_return HeadResult::kClosed;
    }
  }
}

}  // namespace

template <class Stream>
awaitable<void> serveRequests(ClientIo<Stream>& client, ProxyShared& shared, WorkerState& worker) {
  const auto& cfg = shared.config.proxy;
  bool first = true;
  for (;;) {
    RequestParser parser;
    parser.header_limit(cfg.header_limit_bytes);
    parser.body_limit(boost::none);
    boost::system::error_code error;
    HeadResult head = co_await readRequestHead(
        client, parser, seconds(first ? cfg.header_timeout_s : cfg.idle_timeout_s),
        cfg.header_limit_bytes, error);
    if (head != HeadResult::kOk) {
      bool quiet = head == HeadResult::kClosed ||
                   (head == HeadResult::kTimeout && client.buffer.size() == 0);
      if (!quiet) {
        http::status status = head == HeadResult::kTooLarge ? http::status::request_header_fields_too_large
                              : head == HeadResult::kTimeout ? http::status::request_timeout
                                                             : http::status::bad_request;
        std::string reason = head == HeadResult::kTooLarge ? "the request's headers are too large"
                             : head == HeadResult::kTimeout ? "the request took too long to arrive"
                             : head == HeadResult::kObsFold
                                 ? "a header is folded over two lines, which is not allowed"
                                 : "the request is not valid HTTP (" + error.message() + ")";
        shared.stats.bad_requests.fetch_add(1, std::memory_order_relaxed);
        RequestRecord record(shared, client.address);
        record.event().verdict = policy::Verdict::kBlock;
        record.event().setUrl("(malformed request)");
        Response res = badRequestResponse(status, reason);
        size_t written = co_await writeResponse(client.stream, res, seconds(5));
        record.finish(res.result_int(), client.buffer.size(), written);
      }
      break;
    }
    first = false;
    if (parser.get().method() == http::verb::connect) {
      if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
        co_await handleConnect(*client.connection, parser, shared, worker);
      } else {
        shared.stats.bad_requests.fetch_add(1, std::memory_order_relaxed);
        Response res = badRequestResponse(http::status::bad_request,
                                          "a CONNECT inside a secure connection is not allowed");
        co_await writeResponse(client.stream, res, seconds(5));
      }
      break;
    }
    if (!co_await handleHttp(client, parser, shared, worker)) break;
  }
}

template awaitable<void> serveRequests(ClientIo<beast::tcp_stream>&, ProxyShared&, WorkerState&);
template awaitable<void> serveRequests(ClientIo<TlsClientStream>&, ProxyShared&, WorkerState&);

awaitable<void> runSession(tcp::socket socket, ProxyShared& shared, WorkerState& worker) {
  shared.stats.connections_open.fetch_add(1, std::memory_order_relaxed);
  ClientConnection client(std::move(socket));
  boost::system::error_code ec;
  client.stream.socket().set_option(tcp::no_delay(true), ec);
  auto peer = client.stream.socket().remote_endpoint(ec);
  if (!ec) {
    auto address = peer.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
      address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
    }
    if (address.is_v4()) {
      auto bytes = address.to_v4().to_bytes();
      std::copy(bytes.begin(), bytes.end(), client.ip.begin());
      client.ip_length = 4;
    } else {
      auto bytes = address.to_v6().to_bytes();
      std::copy(bytes.begin(), bytes.end(), client.ip.begin());
      client.ip_length = 16;
    }
  }
  if (ec || !shared.acl.allows(client.address())) {
    // Never an open proxy: refuse, and log who tried.
    shared.stats.connections_refused.fetch_add(1, std::memory_order_relaxed);
    RequestRecord record(shared, client.address());
    record.event().kind = events::EventKind::kRefused;
    record.event().verdict = policy::Verdict::kBlock;
    Response res = refusedResponse();
    size_t n = co_await writeResponse(client.stream, res, seconds(5));
    record.finish(403, 0, n);
  } else {
    ClientIo<beast::tcp_stream> io{client.stream, client.buffer, client.address(), nullptr, &client};
    co_await serveRequests(io, shared, worker);
  }
  client.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  client.stream.close();
  shared.stats.connections_open.fetch_sub(1, std::memory_order_relaxed);
}

}  // namespace esafety::proxy
