#include "serve/console_service.h"

#include <spdlog/spdlog.h>

#include <optional>
#include <span>
#include <type_traits>
#include <variant>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse_query.hpp>

#include <fmt/format.h>

#include "control/alert_watch.h"
#include "core/metrics.h"
#include "policy/policy_holder.h"
#include "control/restriction_publisher.h"
#include "serve/alert_streams.h"
#include "serve/class_streams.h"
#include "serve/live_streams.h"
#include "serve/block_buttons.h"
#include "serve/ca_routes.h"
#include "serve/connection_caps.h"
#include "serve/console_gate.h"
#include "serve/console_head.h"
#include "serve/console_tls.h"
#include "pages/page_headers.h"
#include "pages/pac.h"
#include "pages/reference.h"
#include "pages/thanks_page.h"
#include "serve/console_sign_in.h"
#include "serve/console_web.h"
#include "serve/portal_routes.h"
#include "identity/client_bindings.h"
#include "identity/identity_resolver.h"
#include "identity/sign_in.h"

namespace esafety::serve {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// A client that has not finished its TLS handshake by then is closed, and
// its connection slot freed (issue 19: a client that never finishes it must
// not hold a slot for ever).
constexpr auto kHandshakeTimeout = std::chrono::seconds(10);
// How often the certificate is checked for renewal (school-ca) or changed
// files (files).
constexpr auto kTlsRefreshEvery = std::chrono::hours(1);
// Strict-Transport-Security over TLS: half a year (turning TLS off again
// leaves browsers that saw it insisting on https for that long).
constexpr std::string_view kHsts = "max-age=15552000";
// The alerts pages' live stream (serve/alert_streams.h).
constexpr std::string_view kAlertStreamPath = "/api/v1/alerts/stream";
// The class view's live stream (serve/class_streams.h).
constexpr std::string_view kClassStreamPath = "/api/v1/classview/stream";
// A stream write that takes longer than this: the client is not reading.
constexpr auto kStreamWriteTimeout = std::chrono::seconds(10);

Response textResponse(http::status status, std::string_view type, std::string body) {
  Response res{status, 11};
  res.set(http::field::content_type, type);
  res.set(http::field::cache_control, "no-store");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

// After answering a request from its head, the client may still be sending
// its body: drop at most 1 MB of it for at most 2 s before closing, so the
// close does not reset the connection before the client has read the answer
// (nginx's lingering close). Nothing of it is kept. Over TLS there is no
// half-close: the answer says "Connection: close" and the body is read
// (decrypted) and dropped the same way.
template <class Stream>
asio::awaitable<void> lingerAfterRefusal(Stream& stream) {
  beast::tcp_stream& lowest = beast::get_lowest_layer(stream);
  if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
    boost::system::error_code ec;
    lowest.socket().shutdown(tcp::socket::shutdown_send, ec);
  }
  std::array<char, 16384> sink;
  size_t dropped = 0;
  lowest.expires_after(std::chrono::seconds(2));
  while (dropped < (1u << 20)) {
    auto [rec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
    if (rec) break;
    dropped += n;
  }
}

std::vector<uint8_t> addressBytes(const asio::ip::address& address) {
  if (address.is_v4()) {
    auto b = address.to_v4().to_bytes();
    return {b.begin(), b.end()};
  }
  auto b = address.to_v6().to_bytes();
  return {b.begin(), b.end()};
}

class ConsoleService final : public net::Service {
 public:
  ConsoleService(const net::ServiceContext& context, store::Store* store, const ConsoleLinks& links)
      : context_(context),
        store_(store),
        web_(*store, *context.clock, context.data_dir,
             context.config->console.tlsOn() || context.config->console.public_url.starts_with("https://"),
             context.config->lists),
        caps_(context.config->console.max_connections, context.config->console.max_connections_per_client),
        live_(LiveStreams::Limits{.max_total = context.config->console.max_streams,
                                  .max_per_client = context.config->console.max_streams_per_client}) {
    web_.setAlertNotifier(links.alerts);
    web_.connectSelftest(links.selftest);
    web_.connectRestrictions(links.restrictions);
    auto post = [control = context.control](std::function<void()> fn) { asio::post(*control, std::move(fn)); };
    alert_streams_ = std::make_unique<AlertStreams>(
        links.alerts, control::AlertWatch(*store, policy::kDefaultSchool, *context.clock), live_, post);
    class_streams_ = std::make_unique<ClassStreams>(
        links.activity, links.restrictions != nullptr ? &links.restrictions->published() : nullptr, live_,
        [store] { return store->devices(policy::kDefaultSchool); }, *context.clock, post);
    if (context.identity != nullptr && context.identity->desk() != nullptr) {
      portal_ = std::make_unique<PortalRoutes>(*context.identity, *context.policy, *context.clock,
                                               context.config->console.public_url);
      // One throttle and one password-check pool for console, portal and proxy.
      identity::SignInDesk& desk = *context.identity->desk();
      password_pool_ = &desk.passwordPool();
      web_.connect(desk.throttle(), [policy = context.policy] { return policy->generation(); });
    }
  }

  std::string_view name() const override { return "console"; }

  Status start() override {
    auto gate = ConsoleGate::make(*context_.config);
    if (!gate) return gate.status();
    gate_ = std::move(*gate);
    // TLS asked for and not ready: the console does not start (never plain HTTP instead).
    auto tls = ConsoleTls::make(context_.config->console, context_.data_dir, gate_.names(), *context_.clock);
    if (!tls) return tls.status();
    tls_ = std::move(*tls);
    ESAFETY_RETURN_IF_ERROR(alert_streams_->start());
    class_streams_->start();
    if (context_.block_tokens != nullptr) {
      buttons_ = std::make_unique<BlockButtons>(*store_, *context_.block_tokens, *context_.policy,
                                                *context_.clock, events::eventsDatabasePath(context_.data_dir),
                                                context_.config->console.public_url, *context_.metrics);
    }
    const Endpoint& ep = context_.config->console.listen;
    boost::system::error_code ec;
    auto address = asio::ip::make_address(ep.host, ec);
    if (ec) return invalidArgument(fmt::format("console.listen: '{}' is not an IP address", ep.host));
    tcp::endpoint endpoint(address, ep.port);
    acceptor_ = std::make_unique<tcp::acceptor>(*context_.control);
    acceptor_->open(endpoint.protocol(), ec);
    if (!ec) acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_->bind(endpoint, ec);
    if (!ec) acceptor_->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return ioError(fmt::format("the console cannot listen on {}: {}", ep.toString(), ec.message()));
    spdlog::info("console listening on {} ({})", ep.toString(), tls_ ? "HTTPS" : "plain HTTP");
    asio::co_spawn(*context_.control, acceptLoop(), asio::detached);
    if (tls_) {
      tlsExpiryGauge().set(static_cast<double>(tls_->notAfter()));
      refresh_timer_ = std::make_unique<asio::steady_timer>(*context_.control);
      asio::co_spawn(*context_.control, refreshLoop(), asio::detached);
    }
    return Status::ok();
  }

  void stop() override {
    boost::system::error_code ec;
    if (acceptor_) acceptor_->close(ec);
    if (refresh_timer_) refresh_timer_->cancel();
    live_.endAll();
  }

  // The live streams still open: the Server runs the console's thread
  // until they have ended, so that shutdown closes them cleanly.
  size_t inFlight() const override { return streaming_.load(); }

 private:
  asio::awaitable<void> acceptLoop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor_->async_accept(kTuple);
      if (ec == asio::error::operation_aborted || !acceptor_->is_open()) co_return;
      if (ec) continue;
      // Over a cap: closed before anything is read, and counted.
      boost::system::error_code pec;
      auto peer = socket.remote_endpoint(pec);
      auto slot = caps_.take(pec ? std::string() : peer.address().to_string());
      if (!slot) {
        bool total = caps_.lastRefusal() == ConnectionCaps::Refusal::kTotal;
        context_.metrics
            ->counter("esafety_console_connections_refused_total",
                      "Console connections closed at accept, over [console] max_connections (total) or "
                      "max_connections_per_client (per_client)",
                      {{"cap", total ? "total" : "per_client"}})
            .inc();
        socket.close(pec);
        continue;
      }
      asio::co_spawn(*context_.control, session(std::move(socket), std::move(*slot)), asio::detached);
    }
  }

  Gauge& tlsExpiryGauge() {
    return context_.metrics->gauge("esafety_console_tls_certificate_expiry_seconds",
                                   "When the console's HTTPS certificate expires (Unix seconds)");
  }

  void countTlsFailure(std::string_view reason) {
    context_.metrics
        ->counter("esafety_console_tls_handshakes_failed_total",
                  "Console connections closed before TLS was up: timeout (no handshake within 10 s), "
                  "plain_http (HTTP sent to the HTTPS port) or error",
                  {{"reason", std::string(reason)}})
        .inc();
  }

  // Hourly: renews a minted certificate, or reads changed files again.
  asio::awaitable<void> refreshLoop() {
    for (;;) {
      refresh_timer_->expires_after(kTlsRefreshEvery);
      auto [ec] = co_await refresh_timer_->async_wait(kTuple);
      if (ec) co_return;
      auto changed = tls_->refresh();
      if (!changed) {
        spdlog::error("console: the HTTPS certificate was not renewed (the old one is kept): {}",
                      changed.status().message());
      }
      tlsExpiryGauge().set(static_cast<double>(tls_->notAfter()));
    }
  }

  asio::awaitable<void> session(tcp::socket socket, ConnectionCaps::Slot slot) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    boost::system::error_code ec;
    auto peer = stream.socket().remote_endpoint(ec);
    std::vector<uint8_t> peer_bytes = addressBytes(peer.address());
    if (!tls_) {
      co_await serveRequests(stream, buffer, peer_bytes);
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      co_return;
    }
    // The handshake, and the bytes before it, within kHandshakeTimeout.
    stream.expires_after(kHandshakeTimeout);
    auto [dec, is_tls] = co_await beast::async_detect_ssl(stream, buffer, kTuple);
    if (dec) {
      countTlsFailure(dec == beast::error::timeout ? "timeout" : "error");
      co_return;
    }
    if (!is_tls) {
      countTlsFailure("plain_http");
      co_await refusePlainHttp(stream, peer_bytes);
      co_return;
    }
    std::shared_ptr<asio::ssl::context> context = tls_->context();
    TlsStream tls(std::move(stream), *context);
    auto [hec, used] = co_await tls.async_handshake(asio::ssl::stream_base::server, buffer.data(), kTuple);
    if (hec) {
      countTlsFailure(hec == beast::error::timeout ? "timeout" : "error");
      co_return;
    }
    buffer.consume(used);
    co_await serveRequests(tls, buffer, peer_bytes);
    // close_notify, waiting briefly for the client's.
    beast::get_lowest_layer(tls).expires_after(std::chrono::seconds(2));
    co_await tls.async_shutdown(kTuple);
  }

  // Plain HTTP on the HTTPS port: one fixed answer that names the console's
  // https:// address (to clients that may reach the console), then close.
  // Nothing of the console is served over it.
  asio::awaitable<void> refusePlainHttp(beast::tcp_stream& stream, std::span<const uint8_t> peer) {
    if (!gate_.allowsClient(peer)) co_return;
    Response res = textResponse(http::status::bad_request, "text/plain; charset=utf-8",
                                fmt::format("The esafety console speaks HTTPS only: {}\n",
                                            context_.config->console.public_url));
    res.keep_alive(false);
    hardenResponse(res);
    stream.expires_after(std::chrono::seconds(5));
    co_await http::async_write(stream, res, kTuple);
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  // Writes `res` (with HSTS over TLS); false when the write failed.
  template <class Stream>
  asio::awaitable<bool> send(Stream& stream, Response& res, std::chrono::seconds timeout) {
    if constexpr (std::is_same_v<Stream, TlsStream>) res.set(http::field::strict_transport_security, kHsts);
    beast::get_lowest_layer(stream).expires_after(timeout);
    auto [wec, wn] = co_await http::async_write(stream, res, kTuple);
    co_return !wec;
  }

  // The requests of one connection, over plain TCP or TLS alike: the head
  // screen, body limits and sign-in are the same code for both.
  template <class Stream>
  asio::awaitable<void> serveRequests(Stream& stream, beast::flat_buffer& buffer,
                                      const std::vector<uint8_t>& peer_bytes) {
    beast::tcp_stream& lowest = beast::get_lowest_layer(stream);
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(16 * 1024);
      // The header is checked against the largest limit; screenHead then
      // decides, from the head alone, whether to read the body at all and
      // how much of it the route takes (console_head.h).
      parser.body_limit(kListUploadBodyLimit);
      lowest.expires_after(std::chrono::seconds(30));
      auto header = co_await http::async_read_header(stream, buffer, parser, kTuple);
      boost::system::error_code rec = std::get<0>(header);
      // (The request line is parsed even when the header failed the limit.)
      bool list_upload = (!rec || rec == http::error::body_limit) &&
                         parser.get().method() == http::verb::post &&
                         parser.get().target() == "/api/v1/lists";
      HeadScreen screen;
      if (!rec) {
        screen = screenHead(gate_, web_, parser.get(), !parser.is_done(), peer_bytes, *context_.metrics);
        if (screen.refusal) {
          // Answered from the head: the body is never read.
          co_await send(stream, *screen.refusal, std::chrono::seconds(5));
          co_await lingerAfterRefusal(stream);
          break;
        }
      }
      if (!rec && !parser.is_done()) {
        uint64_t limit = screen.body_limit;
        parser.body_limit(limit);  // for a chunked body
        auto length = parser.content_length();
        if (length && *length > limit) {
          rec = http::error::body_limit;
        } else {
          auto rest = co_await http::async_read(stream, buffer, parser, kTuple);
          rec = std::get<0>(rest);
        }
      }
      if (rec == http::error::body_limit) {
        std::string_view words =
            list_upload ? R"({"error": "The file is too big: the most the console takes is 64 MB."})"
                        : R"({"error": "That request is too big for the console."})";
        Response res = textResponse(http::status::payload_too_large, "application/json",
                                    std::string(words));
        res.keep_alive(false);
        co_await send(stream, res, std::chrono::seconds(5));
        break;
      }
      if (rec) {
        // (A TLS client that closes without close_notify: stream_truncated.)
        if (rec != http::error::end_of_stream && rec != asio::error::eof && rec != beast::error::timeout &&
            rec != asio::ssl::error::stream_truncated) {
          Response res = textResponse(http::status::bad_request, "text/plain", "bad request\n");
          res.keep_alive(false);
          co_await send(stream, res, std::chrono::seconds(5));
        }
        break;
      }
      Request& req = parser.get();
      std::string_view path = req.target().substr(0, req.target().find('?'));
      if (req.method() == http::verb::get && (path == kAlertStreamPath || path == kClassStreamPath)) {
        // The rest of the connection is the stream.
        co_await streamLive(stream, req, screen.client, path == kClassStreamPath);
        break;
      }
      Response res;
      // (Not a ?: expression: GCC 12 miscompiles co_await inside one.)
      if (portal_ && PortalRoutes::handles(path)) {
        res = co_await portal(req, screen.client);
      } else if (password_pool_ != nullptr && ConsoleWeb::isSignIn(req)) {
        res = co_await signInOffThread(web_, *password_pool_, req, screen.client.ip);
      } else {
        res = handle(req, screen.client);
      }
      hardenResponse(res);
      res.keep_alive(req.keep_alive());
      bool sent = co_await send(stream, res, std::chrono::seconds(30));
      if (!sent || !res.keep_alive()) break;
    }
  }

  // GET /api/v1/alerts/stream and /api/v1/classview/stream: the router's
  // checks (session, permission; for a class, the room), a place under the
  // stream caps, then server-sent events until the client goes, its session
  // ends, it stops reading, or the console stops.
  template <class Stream>
  asio::awaitable<void> streamLive(Stream& stream, const Request& req, const ConsoleGate::Client& client,
                                   bool class_view) {
    std::optional<Response> refusal;
    std::string topic(AlertStreams::kTopic);
    if (class_view) {
      auto room = web_.classStreamRoom(req, client.ip);
      if (auto* r = std::get_if<Response>(&room)) {
        refusal = std::move(*r);
      } else {
        topic = ClassStreams::topic(std::get<std::string>(room));
      }
    } else {
      bool needs_session = false;
      refusal = web_.refuseHead(req, client.ip, needs_session);
    }
    if (refusal) {
      // 401 or 403, as for any API request.
      hardenResponse(*refusal);
      refusal->keep_alive(false);
      co_await send(stream, *refusal, std::chrono::seconds(5));
      co_return;
    }
    asio::steady_timer wake(*context_.control);
    auto place = live_.open(client.ip, topic, [&wake] { wake.cancel(); });
    if (!place) {
      countStreamRefusal(live_.lastRefusal());
      Response res = textResponse(http::status::service_unavailable, "application/json",
                                  R"({"error": "Too many live pages are open. Close one, or reload later."})");
      res.set(http::field::retry_after, "30");
      hardenResponse(res);
      res.keep_alive(false);
      co_await send(stream, res, std::chrono::seconds(5));
      co_return;
    }
    ++streaming_;
    co_await writeStream(stream, req, client, *place, wake);
    live_.close(place);
    --streaming_;
  }

  void countStreamRefusal(LiveStreams::Refusal refusal) {
    std::string cap = refusal == LiveStreams::Refusal::kTotal       ? "total"
                      : refusal == LiveStreams::Refusal::kPerClient ? "per_client"
                                                                     : "stopping";
    context_.metrics
        ->counter("esafety_console_streams_refused_total",
                  "Live streams (alerts pages, class views) refused: over [console] max_streams (total) or max_streams_per_client "
                  "(per_client), or while stopping",
                  {{"cap", cap}})
        .inc();
  }

  // The stream's head, then its events and heartbeats. A concurrent read
  // on the socket notices a client that goes away at once (its bytes,
  // if any, are not requests: the stream is the rest of the connection).
  template <class Stream>
  asio::awaitable<void> writeStream(Stream& stream, const Request& req, const ConsoleGate::Client& client,
                                    LiveStreams::Stream& place, asio::steady_timer& wake) {
    Response head{http::status::ok, 11};
    head.set(http::field::content_type, "text/event-stream; charset=utf-8");
    head.set(http::field::cache_control, "no-store");
    head.set("X-Accel-Buffering", "no");  // nginx and the like: pass each event on at once
    head.keep_alive(false);               // the body ends when the connection does
    hardenResponse(head);
    if constexpr (std::is_same_v<Stream, TlsStream>) head.set(http::field::strict_transport_security, kHsts);
    beast::tcp_stream& lowest = beast::get_lowest_layer(stream);
    http::response_serializer<http::string_body> serializer(head);
    lowest.expires_after(kStreamWriteTimeout);
    auto [hec, hn] = co_await http::async_write_header(stream, serializer, kTuple);
    if (hec) co_return;
    lowest.expires_never();

    bool gone = false, watching = true;
    asio::co_spawn(*context_.control, watchForClose(lowest.socket(), gone, watching, wake), asio::detached);
    const auto heartbeat = std::chrono::seconds(context_.config->console.stream_heartbeat_s);
    std::string out = "retry: 3000\n: esafety " + place.topic() + " stream\n\n";
    for (;;) {
      for (std::string& m : place.take()) out += m;
      if (place.ended() || gone) break;
      if (!out.empty()) {
        lowest.expires_after(kStreamWriteTimeout);
        auto [wec, wn] = co_await asio::async_write(stream, asio::buffer(out), kTuple);
        lowest.expires_never();
        if (wec) break;
        out.clear();
      }
      wake.expires_after(heartbeat);
      auto [tec] = co_await wake.async_wait(kTuple);
      if (!tec) {
        // A quiet spell: a comment keeps proxies from closing the stream,
        // and the session is asked again (signed out, timed out or a
        // changed role ends the stream).
        if (!web_.stillAdmitted(req, client.ip)) break;
        out = ": keep-alive\n\n";
      }
    }
    // Stop the reader, and wait for it before the stream goes.
    boost::system::error_code ec;
    lowest.socket().shutdown(tcp::socket::shutdown_both, ec);
    lowest.socket().cancel(ec);
    while (watching) {
      wake.expires_after(std::chrono::milliseconds(50));
      co_await wake.async_wait(kTuple);
    }
  }

  // Until the client closes its side (or the socket is shut down): then
  // says so and wakes the writer.
  static asio::awaitable<void> watchForClose(tcp::socket& socket, bool& gone, bool& watching,
                                             asio::steady_timer& wake) {
    std::array<char, 1024> sink;
    for (;;) {
      auto [ec, n] = co_await socket.async_read_some(asio::buffer(sink), kTuple);
      if (ec) break;
    }
    gone = true;
    watching = false;
    wake.cancel();
  }

  Response handle(const Request& req, const ConsoleGate::Client& client) {
    const std::string& client_ip = client.ip;
    std::string_view target = req.target();
    std::string_view path = target.substr(0, target.find('?'));
    if (req.method() == http::verb::get && path == "/health") {
      return textResponse(http::status::ok, "text/plain", "ok\n");
    }
    if (req.method() == http::verb::get && path == "/metrics") {
      return textResponse(http::status::ok, "text/plain; version=0.0.4",
                          context_.metrics->renderPrometheus());
    }
    if (req.method() == http::verb::get) {
      if (auto ca = caRoute(path, context_.data_dir)) {
        Response res = textResponse(static_cast<http::status>(ca->status), ca->content_type, std::move(ca->body));
        if (!ca->download_name.empty()) {
          res.set(http::field::content_disposition, "attachment; filename=\"" + ca->download_name + "\"");
        }
        return res;
      }
    }
    if (req.method() == http::verb::get && (path == "/proxy.pac" || path == "/wpad.dat")) {
      return pac();
    }
    if (req.method() == http::verb::post &&
        (path == "/blocked/tell-teacher" || path == "/blocked/ask-check")) {
      if (!buttons_) return textResponse(http::status::not_found, "text/plain", "no block page buttons here\n");
      return buttons_->handle(path == "/blocked/tell-teacher", req, client_ip, client.address);
    }
    if (path.starts_with("/api/")) return web_.api(req, client_ip);
    return web_.asset(req);
  }

  // The captive portal (portal_routes.h): its pages here, its forms on the
  // password-check pool (admitted, or 503 at once): signing in runs
  // argon2id, which must not hold up the control thread's listeners.
  asio::awaitable<Response> portal(const Request& req, const ConsoleGate::Client& client) {
    PortalRequest request;
    request.post = req.method() == http::verb::post;
    request.target = req.target();
    request.body = req.body();
    request.origin = req[http::field::origin];
    request.client_address = client.address;
    request.client_ip = client.ip;
    if (!request.post && req.method() != http::verb::get && req.method() != http::verb::head) {
      co_return textResponse(http::status::method_not_allowed, "text/plain", "GET or POST\n");
    }
    PortalReply reply;
    if (!request.post) {
      reply = portal_->handle(request);
    } else {
      auto ticket = password_pool_->admit(request.client_ip);
      if (!ticket) {
        Response busy = textResponse(http::status::service_unavailable, "text/plain; charset=utf-8",
                                     "Many people are signing in just now. Please try again in a moment.\n");
        busy.set(http::field::retry_after, std::to_string(identity::PasswordCheckPool::kRetryAfterSeconds));
        co_return busy;
      }
      reply = co_await asio::co_spawn(
          password_pool_->context(),
          [&]() -> asio::awaitable<PortalReply> { co_return portal_->handle(request); },
          asio::use_awaitable);
    }
    Response res{static_cast<http::status>(reply.status), 11};
    for (const auto& [name, value] : reply.headers) res.set(name, value);
    res.body() = std::move(reply.body);
    res.prepare_payload();
    co_return res;
  }

  Response pac() {
    pages::PacOptions options;
    std::string console_host(context_.config->console.public_url);
    if (auto scheme = console_host.find("://"); scheme != std::string::npos) console_host.erase(0, scheme + 3);
    console_host = console_host.substr(0, console_host.find('/'));
    std::string host_only = console_host;
    if (!host_only.empty() && host_only.front() == '[') {
      host_only = host_only.substr(1, host_only.find(']') - 1);
    } else {
      host_only = host_only.substr(0, host_only.find(':'));
    }
    options.console_host = host_only;
    for (const Endpoint& ep : context_.config->proxy.listen) {
      // A wildcard listener is reached at the console's own host name.
      bool wildcard = ep.host == "0.0.0.0" || ep.host == "::";
      Endpoint shown{wildcard ? host_only : ep.host, ep.port};
      options.proxies.push_back(shown.toString());
    }
    auto text = pages::renderPac(options);
    if (!text) return textResponse(http::status::internal_server_error, "text/plain", text.status().message() + "\n");
    Response res = textResponse(http::status::ok, "application/x-ns-proxy-autoconfig", std::move(*text));
    for (const auto& [name, value] : pages::pacHeaders()) res.set(name, value);
    return res;
  }

  net::ServiceContext context_;
  store::Store* store_;
  ConsoleWeb web_;
  std::unique_ptr<PortalRoutes> portal_;    // null without a SignInDesk
  ConsoleGate gate_;                        // set by start()
  ConnectionCaps caps_;
  std::unique_ptr<BlockButtons> buttons_;   // null without block_tokens
  identity::PasswordCheckPool* password_pool_ = nullptr;  // the desk's; null without one
  std::unique_ptr<tcp::acceptor> acceptor_;
  std::unique_ptr<ConsoleTls> tls_;                     // null: plain HTTP ([console] tls = "off")
  std::unique_ptr<asio::steady_timer> refresh_timer_;   // with tls_
  LiveStreams live_;
  std::unique_ptr<AlertStreams> alert_streams_;
  std::unique_ptr<ClassStreams> class_streams_;
  std::atomic<size_t> streaming_{0};  // live streams open (inFlight())
};

}  // namespace

std::unique_ptr<net::Service> makeConsoleService(const net::ServiceContext& context, store::Store* store,
                                                 ConsoleLinks links) {
  return std::make_unique<ConsoleService>(context, store, links);
}

}  // namespace esafety::serve
