// runSession: one client connection: check the client is one of the school's,
// then read request heads one after another (keep-alive) and hand each to the
// HTTP or CONNECT handler. Malformed input gets 400, 408 or 431 and the
// connection is closed; nothing a client sends can end the process.
#include "proxy/request_record.h"
#include "proxy/session_io.h"

namespace esafety::proxy {
namespace {

http::status statusFor(const boost::system::error_code& ec) {
  if (ec == http::error::header_limit) return http::status::request_header_fields_too_large;
  if (ec == beast::error::timeout) return http::status::request_timeout;
  return http::status::bad_request;
}

std::string reasonFor(const boost::system::error_code& ec) {
  if (ec == http::error::header_limit) return "the request's headers are too large";
  if (ec == beast::error::timeout) return "the request took too long to arrive";
  return "the request is not valid HTTP (" + ec.message() + ")";
}

}  // namespace

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
  const auto& cfg = shared.config.proxy;
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
    bool first = true;
    for (;;) {
      RequestParser parser;
      parser.header_limit(cfg.header_limit_bytes);
      parser.body_limit(boost::none);
      client.stream.expires_after(seconds(first ? cfg.header_timeout_s : cfg.idle_timeout_s));
      auto [rec, n] = co_await http::async_read_header(client.stream, client.buffer, parser, kTuple);
      if (rec) {
        bool quiet = (rec == http::error::end_of_stream || rec == asio::error::eof ||
                      rec == asio::error::connection_reset) ||
                     (rec == beast::error::timeout && !parser.got_some() && client.buffer.size() == 0);
        if (!quiet) {
          shared.stats.bad_requests.fetch_add(1, std::memory_order_relaxed);
          RequestRecord record(shared, client.address());
          record.event().verdict = policy::Verdict::kBlock;
          record.event().setUrl("(malformed request)");
          Response res = badRequestResponse(statusFor(rec), reasonFor(rec));
          size_t written = co_await writeResponse(client.stream, res, seconds(5));
          record.finish(res.result_int(), client.buffer.size(), written);
        }
        break;
      }
      first = false;
      if (parser.get().method() == http::verb::connect) {
        co_await handleConnect(client, parser, shared, worker);
        break;
      }
      if (!co_await handleHttp(client, parser, shared, worker)) break;
    }
  }
  client.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  client.stream.close();
  shared.stats.connections_open.fetch_sub(1, std::memory_order_relaxed);
}

}  // namespace esafety::proxy
