#include "proxy/request_head.h"

#include <algorithm>

#include "proxy/tls_streams.h"

namespace esafety::proxy {
namespace {

// What an idle keep-alive connection's first read of the next request asks
// for, and so holds while it waits.
constexpr size_t kIdleReadBytes = 2048;

}  // namespace

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
    if (std::optional<ParsedHead> parsed = parseRequestHead(bytes, parser, limit, error)) {
      if (parsed->result == HeadResult::kOk) client.buffer.consume(parsed->used);
      co_return parsed->result;
    }
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


template awaitable<HeadResult> readRequestHead(ClientIo<beast::tcp_stream>&, RequestParser&,
                                               std::chrono::seconds, uint32_t,
                                               boost::system::error_code&);
template awaitable<HeadResult> readRequestHead(ClientIo<TlsClientStream>&, RequestParser&,
                                               std::chrono::seconds, uint32_t,
                                               boost::system::error_code&);

std::optional<HeadRefusal> headRefusal(HeadResult head, const boost::system::error_code& error,
                                       size_t buffered) {
  switch (head) {
    case HeadResult::kOk:
    case HeadResult::kClosed: return std::nullopt;
    case HeadResult::kTimeout:
      if (buffered == 0) return std::nullopt;  // an idle keep-alive connection timing out
      return HeadRefusal{http::status::request_timeout, "the request took too long to arrive"};
    case HeadResult::kTooLarge:
      return HeadRefusal{http::status::request_header_fields_too_large, "the request's headers are too large"};
    case HeadResult::kObsFold:
      return HeadRefusal{http::status::bad_request, "a header is folded over two lines, which is not allowed"};
    case HeadResult::kBadTransferEncoding:
      return HeadRefusal{http::status::bad_request,
                         "the request's Transfer-Encoding is not \"chunked\", the only one a proxy can "
                         "pass on (RFC 9112 section 6.1)"};
    case HeadResult::kMalformed: break;
  }
  return HeadRefusal{http::status::bad_request, "the request is not valid HTTP (" + error.message() + ")"};
}

}  // namespace esafety::proxy
