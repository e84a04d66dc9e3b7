// runSession: one client connection: check the client is one of the school's,
// then read request heads one after another (keep-alive) and hand each to the
// HTTP or CONNECT handler. Malformed input gets 400, 408 or 431 and the
// connection is closed; nothing a client sends can end the process.
#include "proxy/request_exit.h"
#include "proxy/request_head.h"
#include "proxy/tls_streams.h"

namespace esafety::proxy {
namespace {

// A head that could not be read: told why (when there is anything to tell),
// and logged as a blocked request.
template <class Stream>
awaitable<void> refuseHead(ClientIo<Stream>& client, HeadResult head,
                           const boost::system::error_code& error, ProxyShared& shared) {
  std::optional<HeadRefusal> refusal = headRefusal(head, error, client.buffer.size());
  if (!refusal) co_return;
  RequestRecord record(shared, client.address);
  record.event().setUrl("(malformed request)");
  Response res = badRequestResponse(refusal->status, refusal->reason);
  co_await finishRefusal(client.stream, record, res, Tally::kBadRequest, seconds(5), client.buffer.size());
}

// CONNECT inside an inspected connection: refused, and logged.
template <class Stream>
awaitable<void> refuseNestedConnect(ClientIo<Stream>& client, RequestParser& parser, ProxyShared& shared) {
  RequestRecord record(shared, client.address);
  record.event().method.assign("CONNECT");
  record.event().setUrl(parser.get().target());
  Response res = badRequestResponse(http::status::bad_request,
                                    "a CONNECT inside a secure connection is not allowed");
  co_await finishRefusal(client.stream, record, res, Tally::kBadRequest, seconds(5));
}

// The client's address, IPv4-mapped IPv6 as IPv4.
void noteAddress(ClientConnection& client, const asio::ip::address& peer) {
  asio::ip::address address = peer;
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

}  // namespace

template <class Stream>
awaitable<void> serveRequests(ClientIo<Stream>& client, ProxyShared& shared, WorkerState& worker) {
  const auto& cfg = shared.config.proxy;
  bool first = true;
  // Between requests, a session that shutdown has reached closes instead.
  while (client.session == nullptr || client.session->idle()) {
    RequestParser parser;
    parser.header_limit(cfg.header_limit_bytes);
    parser.body_limit(boost::none);
    boost::system::error_code error;
    HeadResult head = co_await readRequestHead(
        client, parser, seconds(first ? cfg.header_timeout_s : cfg.idle_timeout_s),
        cfg.header_limit_bytes, error);
    if (head != HeadResult::kOk) {
      co_await refuseHead(client, head, error, shared);
      break;
    }
    if (client.session != nullptr) client.session->busy();
    first = false;
    if (parser.get().method() == http::verb::connect) {
      if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
        co_await handleConnect(*client.connection, parser, shared, worker);
      } else {
        co_await refuseNestedConnect(client, parser, shared);
      }
      break;
    }
    if (!co_await handleHttp(client, parser, shared, worker)) break;
  }
}

template awaitable<void> serveRequests(ClientIo<beast::tcp_stream>&, ProxyShared&, WorkerState&);
template awaitable<void> serveRequests(ClientIo<TlsClientStream>&, ProxyShared&, WorkerState&);

awaitable<void> runSession(tcp::socket socket, [[maybe_unused]] ConnectionGauge gauge,
                           [[maybe_unused]] ClientSlot slot, std::shared_ptr<SessionControl> session, ProxyShared& shared,
                           WorkerState& worker) {
  SessionRegistry::Membership membership = worker.sessions.join(*session);
  ClientConnection client(std::move(socket));
  client.session = session.get();
  boost::system::error_code ec;
  client.stream.socket().set_option(tcp::no_delay(true), ec);
  auto peer = client.stream.socket().remote_endpoint(ec);
  if (!ec) noteAddress(client, peer.address());
  if (ec || !shared.acl.allows(client.address())) {
    // Never an open proxy: refuse, and log who tried.
    shared.stats.connections_refused.fetch_add(1, std::memory_order_relaxed);
    RequestRecord record(shared, client.address());
    record.event().kind = events::EventKind::kRefused;
    Response res = refusedResponse();
    co_await finishRefusal(client.stream, record, res, Tally::kNone, seconds(5));
  } else {
    ClientIo<beast::tcp_stream> io{client.stream, client.buffer, client.address(), nullptr, &client,
                                   client.session};
    co_await serveRequests(io, shared, worker);
  }
  client.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  client.stream.close();
}

}  // namespace esafety::proxy
