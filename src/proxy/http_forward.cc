// handleHttp: one plain-HTTP request through the filter: decide, then either
// answer with the block page or forward it upstream and stream the response
// back with bounded memory (64 KB at a time, whatever the size).
#include <boost/beast/core/string.hpp>
#include <optional>

#include <fmt/format.h>

#include "inspect/phrase_database.h"
#include "inspect/search/safe_search_enforcement.h"
#include "inspect/search/search_terms.h"
#include "proxy/client_identity.h"
#include "proxy/content_lists.h"
#include "proxy/inspection_checks.h"
#include "proxy/message_head.h"
#include "proxy/message_rules.h"
#include "proxy/relay_buffer.h"
#include "proxy/request_record.h"
#include "proxy/scanned_relay.h"
#include "proxy/session_io.h"
#include "proxy/tls_streams.h"

namespace esafety::proxy {
namespace {

// Copies a message from `input` (via `parser`, whose head has been read) to
// `output`: the head as it stands now (the caller has applied its header
// rules), then the body in pieces of up to RelayBuffer::kSize, framed as the head says
// (chunked or not). The head and the first piece go out in one gathered
// write. Returns {ok, bytes written, whether the failure was on the input
// side}.
struct RelayResult {
  bool ok = true;
  bool input_failed = false;
  uint64_t bytes = 0;
  boost::system::error_code error;
};

bool isParseError(const boost::system::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_chunk).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

template <bool isRequest, class Input, class Output>
awaitable<RelayResult> relayBody(Input& input, beast::flat_buffer& buffer,
                                 http::parser<isRequest, http::buffer_body>& parser,
                                 Output& output, std::chrono::seconds input_timeout,
                                 std::chrono::seconds output_timeout, bool header_only = false) {
  RelayResult result;
  auto& message = parser.get();
  // A parser done with the head alone has no body to send.
  const bool has_body = !header_only && !parser.is_done();
  OutgoingMessage out(message, has_body);
  std::optional<RelayBuffer> chunk;
  if (has_body) chunk.emplace();
  for (;;) {
    size_t n = 0;
    if (has_body && !parser.is_done()) {
      message.body().data = chunk->data();
      message.body().size = RelayBuffer::kSize;
      beast::get_lowest_layer(input).expires_after(input_timeout);
      auto [ec, read] = co_await http::async_read(input, buffer, parser, kTuple);
      if (ec == http::error::need_buffer) ec = {};
      if (ec) {
        result.ok = false;
        result.input_failed = true;
        result.error = ec;
        co_return result;
      }
      n = RelayBuffer::kSize - message.body().size;
    }
    const bool last = header_only || parser.is_done();
    auto pieces = out.pieces({n == 0 ? nullptr : chunk->data(), n}, last);
    if (!pieces.empty()) {
      beast::get_lowest_layer(output).expires_after(output_timeout);
      auto [ec, written] = co_await asio::async_write(output, pieces, kTuple);
      result.bytes += written;
      if (ec) {
        result.ok = false;
        result.error = ec;
        co_return result;
      }
    }
    if (last) co_return result;
  }
}

// The authority and the path exactly as the client wrote them in an
// absolute-form target ("http://a.example:8080/x?y" -> "/x?y").
std::string originForm(std::string_view target) {
  auto scheme_end = target.find("://");
  std::string_view rest = target.substr(scheme_end == std::string_view::npos ? 0 : scheme_end + 3);
  auto path = rest.find_first_of("/?#");
  if (path == std::string_view::npos) return "/";
  std::string out(rest.substr(path));
  if (auto hash = out.find('#'); hash != std::string::npos) out.resize(hash);
  if (out.empty() || out[0] != '/') out.insert(out.begin(), '/');
  return out;
}

// "pornography=160;violence=40": each category the scanner found, highest
// first; and the category the page is blocked under (the banned phrase's, or
// the top score's).
std::string scoresText(const inspect::PageInspector& page, int32_t limit, std::string& top) {
  std::string out;
  auto categories = page.score().categories(limit);
  for (const auto& c : categories) {
    if (!out.empty()) out += ';';
    out += fmt::format("{}={}", c.name, c.score);
  }
  top.clear();
  if (page.verdict(limit) == inspect::PageVerdict::kBanned) {
    auto phrases = page.score().topPhrases(1, limit);
    if (!phrases.empty()) top = std::string(phrases.front().category);
  } else if (!categories.empty()) {
    top = std::string(categories.front().name);
  }
  return out;
}

bool hasBody(const http::request<http::buffer_body>& req) {
  if (req.chunked()) return true;
  auto length = req.find(http::field::content_length);
  return length != req.end() && length->value() != "0";
}

// What differs between plain HTTP and inspected HTTPS: the upstream
// connection type, its pool, and how it is made.
template <class Stream>
struct Upstream;

template <>
struct Upstream<beast::tcp_stream> {
  using Connection = UpstreamConnection;
  static UpstreamPool& pool(WorkerState& worker) { return worker.pool; }
  static awaitable<ConnectResult> connect(const std::string& host, uint16_t port, ProxyShared& shared,
                                          WorkerState& worker) {
    co_return co_await connectUpstream(host, port, shared, worker);
  }
};

template <>
struct Upstream<TlsClientStream> {
  using Connection = TlsUpstreamConnection;
  static TlsUpstreamPool& pool(WorkerState& worker) { return *worker.tls_pool; }
  static awaitable<TlsConnectResult> connect(const std::string& host, uint16_t port,
                                             ProxyShared& shared, WorkerState& worker) {
    co_return co_await connectUpstreamTls(host, port, shared, worker);
  }
};

}  // namespace

template <class Stream>
awaitable<bool> handleHttp(ClientIo<Stream>& client, RequestParser& parser, ProxyShared& shared,
                           WorkerState& worker) {
  using Up = Upstream<Stream>;
  const bool tls = client.origin != nullptr;
  auto& req = parser.get();
  const auto& cfg = shared.config.proxy;
  shared.stats.requests.fetch_add(1, std::memory_order_relaxed);
  RequestRecord record(shared, client.address);
  record.event().kind = events::EventKind::kHttp;
  record.event().method.assign(std::string_view(req.method_string()));
  std::string_view target = req.target();
  record.event().setUrl(target);

  auto refuse = [&](http::status status, std::string_view reason) -> awaitable<bool> {
    shared.stats.bad_requests.fetch_add(1, std::memory_order_relaxed);
    Response res = badRequestResponse(status, reason);
    size_t n = co_await writeResponse(client.stream, res, seconds(cfg.idle_timeout_s));
    record.event().verdict = policy::Verdict::kBlock;
    record.finish(static_cast<uint16_t>(status), 0, n);
    co_return false;
  };

  // Inside an inspected connection, requests name a path ("/page"); the site
  // is the one the CONNECT named.
  std::string absolute;
  if (tls) {
    if (!target.empty() && target[0] == '/') {
      std::string authority = client.origin->ipv6 ? "[" + client.origin->host + "]" : client.origin->host;
      absolute = "https://" + authority + ":" + std::to_string(client.origin->port) + std::string(target);
    } else if (target.size() > 8 && beast::iequals(target.substr(0, 8), "https://")) {
      absolute = std::string(target);
    } else {
      co_return co_await refuse(http::status::bad_request, "the request's address is not valid");
    }
    target = absolute;
  } else if (!(target.size() > 7 && beast::iequals(target.substr(0, 7), "http://"))) {
    if (target.size() > 8 && beast::iequals(target.substr(0, 8), "https://")) {
      co_return co_await refuse(http::status::bad_request,
                                "HTTPS addresses go through the proxy with CONNECT, not as a plain request");
    }
    co_return co_await refuse(http::status::bad_request,
                              "this is the school's web filter: set it as your browser's proxy "
                              "rather than visiting it directly");
  }
  auto url = classify::normalizeUrl(target);
  if (!url) co_return co_await refuse(http::status::bad_request, url.status().message());
  if (url->had_userinfo) {
    co_return co_await refuse(http::status::bad_request,
                              "web addresses with a user name or password in them are not allowed");
  }
  record.event().setUrl(tls ? "https://" + url->toString() : url->toString());
  // A search on a search engine: the words go on the event, for the log
  // and for monitoring.
  std::optional<search::SearchTerm> search_term = search::extractSearchTerm(*url);
  if (search_term) {
    record.event().truncated |= !record.event().search_terms.assign(search_term->term);
  }
  if (tls && url->host != client.origin->host) {
    co_return co_await refuse(http::status::bad_request,
                              "a request inside a secure connection must be for the same site");
  }

  // Decide. The snapshot is held for the whole request, so a reload part-way
  // does not change the rules under it.
  std::shared_ptr<const policy::Snapshot> snapshot = worker.reader.share();
  ClientAccess access;  // who, with the captive portal and proxy sign-in (client_identity.h)
  const bool can_redirect = !tls && (req.method() == http::verb::get || req.method() == http::verb::head);
  co_await identifyClient(access, *snapshot,
                          {.address = client.address,
                           .proxy_authorization = std::string_view(req[http::field::proxy_authorization]),
                           .inside_tls = tls, .can_redirect = can_redirect, .url = target,
                           .host = url->host, .port = url->port, .version = req.version()},
                          shared);
  const policy::ClientIdentity& who = access.who;
  record.setIdentity(who);
  if (access.answer) co_return co_await answerSignIn(client.stream, access, record, seconds(cfg.idle_timeout_s));
  if (who.group == nullptr) {
    co_return co_await refuse(http::status::forbidden, "the school has no filter groups set up");
  }
  LocalTime now = shared.clock.localNow();
  policy::Target decide_target = policy::Target::forUrl(*url);
  policy::Decision d = snapshot->decide(*who.group, decide_target, now, {}, worker.scratch);
  record.setDecision(*snapshot, d);

  const bool client_keep = req.keep_alive();
  const unsigned client_version = req.version();
  // Beside the decision: circumvention signals and the search's words, which
  // tag the event for monitoring and may block what the decision allowed.
  auto blockForInspection = [&](policy::StepId step, std::string category,
                                std::string reason) -> awaitable<bool> {
    shared.stats.blocked.fetch_add(1, std::memory_order_relaxed);
    record.event().verdict = policy::Verdict::kBlock;
    record.event().step = step;
    record.event().truncated |= !record.event().category.assign(category);
    bool keep = client_keep && !hasBody(req);
    InspectionBlock block{snapshot.get(), who.group, std::string(record.event().url.view()),
                          std::move(category), std::move(reason), now, record.reference(),
                          shared.config.console.public_url};
    Response res = inspectionBlockResponse(block, client_version, keep);
    size_t n = co_await writeResponse(client.stream, res, seconds(cfg.idle_timeout_s));
    record.finish(res.result_int(), 0, n);
    co_return keep && n > 0;
  };
  const bool circumvention_blocked = checkCircumvention(record, *url, false, *who.group);
  if (!record.event().tags.empty()) shared.stats.circumvention_tagged.fetch_add(1, std::memory_order_relaxed);
  if (circumvention_blocked && d.verdict != policy::Verdict::kBlock) {
    co_return co_await blockForInspection(
        policy::StepId::kCategory, "circumvention",
        fmt::format("{} blocks services that get round the school's filter.", who.group->config.name));
  }
  if (search_term && d.verdict != policy::Verdict::kBlock) {
    SearchCheck found = checkSearchTerm(record, shared.terms.get(), search_term->term,
                                        who.group->config);
    if (found.block) {
      shared.stats.searches_blocked.fetch_add(1, std::memory_order_relaxed);
      co_return co_await blockForInspection(
          policy::StepId::kSearchTerm, found.category,
          fmt::format("This search was blocked: its words are on the school's {} list, which {} "
                      "blocks searches for.",
                      found.category, who.group->config.name));
    }
  }
  if (d.verdict == policy::Verdict::kBlock) {
    shared.stats.blocked.fetch_add(1, std::memory_order_relaxed);
    bool keep = client_keep && !hasBody(req);
    BlockContext context{snapshot.get(), who.group, decide_target, now, d, &worker.scratch,
                         record.reference(), shared.config.console.public_url};
    Response res = blockResponse(context, client_version, keep);
    size_t n = co_await writeResponse(client.stream, res, seconds(cfg.idle_timeout_s));
    record.finish(res.result_int(), 0, n);
    co_return keep && n > 0;
  }

  // Forward. Safe search sends the connection to the engine's safe host and
  // keeps the Host header, as the DNS rewrite does.
  std::string host = d.verdict == policy::Verdict::kRewrite ? std::string(d.rewrite_host) : url->host;
  const uint16_t default_port = tls ? 443 : 80;
  uint16_t port = url->port != 0 ? url->port : default_port;
  std::string key = host + ":" + std::to_string(port);
  const bool websocket = isWebSocketUpgrade(req);
  const bool expect_continue = beast::iequals(req[http::field::expect], "100-continue");
  const bool body = hasBody(req);
  std::string authority = url->host_kind == classify::HostKind::kIpv6 ? "[" + url->host + "]" : url->host;
  if (url->port != 0 && url->port != default_port) authority += ":" + std::to_string(url->port);
  std::string origin_target = originForm(target);
  if (d.verdict == policy::Verdict::kRewrite) {
    // The decision's safe-search step matched an engine for this group:
    // enforce it on the request itself too (STANDARDS.md), with the
    // engine's own parameter replacing any the page sent, and YouTube's header.
    std::string_view raw(origin_target);
    size_t question = raw.find('?');
    std::string_view raw_path = raw.substr(0, question);
    std::string_view raw_query = question == std::string_view::npos ? std::string_view{} : raw.substr(question + 1);
    search::SafeSearchEdit edit = search::enforceSafeSearch(url->host, raw_path, raw_query, {});
    if (edit.query_changed) origin_target = search::safeSearchTarget(raw_path, edit);
    for (const auto& h : edit.headers) req.set(h.name, h.value);
  }
  req.target(origin_target);
  req.set(http::field::host, authority);
  removeHopByHop(req, websocket);
  req.erase(http::field::expect);
  req.version(11);
  if (!websocket) req.keep_alive(true);

  if (body) client.buffer.reserve(16384);  // read uploads in large pieces, not 512 bytes
  std::unique_ptr<typename Up::Connection> upstream;
  std::optional<http::response_parser<http::buffer_body>> response;
  uint64_t bytes_in = 0;
  for (int attempt = 0; attempt < 2; ++attempt) {
    upstream = attempt == 0 && !websocket ? Up::pool(worker).take(key, shared.stats) : nullptr;
    if (upstream) {
      shared.stats.upstream_reused.fetch_add(1, std::memory_order_relaxed);
    } else {
      auto connected = co_await Up::connect(host, port, shared, worker);
      if (!connected.connection) {
        shared.stats.upstream_errors.fetch_add(1, std::memory_order_relaxed);
        Response res = upstreamErrorResponse(connected.error, url->host, connected.detail,
                                             client_version);
        size_t n = co_await writeResponse(client.stream, res, seconds(cfg.idle_timeout_s));
        record.finish(res.result_int(), 0, n);
        co_return false;
      }
      upstream = std::move(connected.connection);
    }
    if (expect_continue && attempt == 0) {
      static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
      beast::get_lowest_layer(client.stream).expires_after(seconds(cfg.idle_timeout_s));
      co_await asio::async_write(client.stream, asio::buffer(kContinue, sizeof kContinue - 1), kTuple);
    }
    RelayResult sent = co_await relayBody(client.stream, client.buffer, parser, upstream->stream,
                                          seconds(cfg.idle_timeout_s),
                                          seconds(cfg.upstream_timeout_s));
    bytes_in = sent.bytes;
    if (!sent.ok && sent.input_failed) {
      if (isParseError(sent.error)) {
        // A malformed body (a bad chunk size, say): nothing has been sent to
        // the client yet, so it can still be told.
        co_return co_await refuse(http::status::bad_request,
                                  "the request body is not valid (" + sent.error.message() + ")");
      }
      record.finish(0, bytes_in, 0);  // the client went away mid-body
      co_return false;
    }
    bool retryable = upstream->reused && !body;
    if (sent.ok) {
      response.emplace();
      response->header_limit(cfg.header_limit_bytes);
      response->body_limit(boost::none);
      if (req.method() == http::verb::head) response->skip(true);
      boost::system::error_code ec;
      for (;;) {
        beast::get_lowest_layer(upstream->stream).expires_after(seconds(cfg.upstream_timeout_s));
        auto [rec, n] = co_await http::async_read_header(upstream->stream, upstream->buffer,
                                                         *response, kTuple);
        ec = rec;
        if (ec) break;
        int status = response->get().result_int();
        if (status >= 100 && status < 200 && status != 101) {
          response.emplace();  // skip 100 Continue and 103 Early Hints
          response->header_limit(cfg.header_limit_bytes);
          response->body_limit(boost::none);
          if (req.method() == http::verb::head) response->skip(true);
          continue;
        }
        break;
      }
      if (!ec) break;
      if (retryable && attempt == 0) continue;  // a pooled connection the server had closed
      shared.stats.upstream_errors.fetch_add(1, std::memory_order_relaxed);
      pages::UpstreamError kind = ec == beast::error::timeout ? pages::UpstreamError::kTimeout
                                  : (ec == http::error::end_of_stream || ec == asio::error::eof ||
                                     ec == ssl::error::stream_truncated ||
                                     ec == asio::error::connection_reset)
                                      ? pages::UpstreamError::kConnectionReset
                                      : pages::UpstreamError::kBadResponse;
      Response res = upstreamErrorResponse(kind, url->host, ec.message(), client_version);
      size_t n = co_await writeResponse(client.stream, res, seconds(cfg.idle_timeout_s));
      record.finish(res.result_int(), bytes_in, n);
      co_return false;
    }
    if (retryable && attempt == 0) continue;
    shared.stats.upstream_errors.fetch_add(1, std::memory_order_relaxed);
    Response res = upstreamErrorResponse(pages::UpstreamError::kConnectionReset, url->host,
                                         "the site closed the connection", client_version);
    size_t n = co_await writeResponse(client.stream, res, seconds(cfg.idle_timeout_s));
    record.finish(res.result_int(), bytes_in, n);
    co_return false;
  }

  auto& res = response->get();
  const int status = res.result_int();
  if (status == 101 && websocket) {
    // The WebSocket handshake succeeded: pass the head on, then bytes both ways.
    RelayResult head = co_await relayBody(upstream->stream, upstream->buffer, *response,
                                          client.stream, seconds(cfg.upstream_timeout_s),
                                          seconds(cfg.idle_timeout_s), /*header_only=*/true);
    uint64_t up = 0, down = head.bytes;
    if (head.ok) {
      if (client.buffer.size() > 0) {
        auto [ec, n] = co_await asio::async_write(upstream->stream, client.buffer.data(), kTuple);
        up += n;
        client.buffer.consume(n);
      }
      if (upstream->buffer.size() > 0) {
        auto [ec, n] = co_await asio::async_write(client.stream, upstream->buffer.data(), kTuple);
        down += n;
        upstream->buffer.consume(n);
      }
      co_await tunnel(client.stream, upstream->stream, seconds(cfg.idle_timeout_s), up, down);
    }
    record.finish(101, bytes_in + up, down);
    co_return false;
  }

  const bool upstream_keep = response->keep_alive();
  bool keep = client_keep && !websocket;
  removeHopByHop(res, false);
  if (client_version == 10) {
    // HTTP/1.0 clients cannot read chunked bodies: send the body raw and close.
    if (res.chunked()) {
      res.chunked(false);
      keep = false;
    }
    res.version(10);
  }
  res.keep_alive(keep);

  // Phrase scanning, for groups that have it on, of text pages only.
  std::shared_ptr<const inspect::PhraseDatabase> phrases;
  if (who.group->config.inspect && req.method() != http::verb::head && status >= 200 &&
      status != 204 && status != 304 && isScannedContentType(res[http::field::content_type])) {
    phrases = shared.phrases.load(std::memory_order_acquire);
  }
  if (phrases) {
    const int32_t limit = policy::phraseLimitFor(who.group->config);
    const std::string content_type(res[http::field::content_type]);
    const std::string content_encoding(res[http::field::content_encoding]);
    inspect::PageInspectorOptions options;
    options.content_type = content_type;
    options.content_encoding = content_encoding;
    options.max_scanned_bytes = shared.config.inspect.max_scanned_bytes;
    inspect::PageInspector page(phrases, options);
    ScanRelayResult scanned = co_await relayScanned(
        upstream->stream, upstream->buffer, *response, client.stream, page,
        ScanRelayOptions{.limit = limit,
                         .hold_bytes = shared.config.inspect.buffer_bytes,
                         .input_timeout = seconds(cfg.upstream_timeout_s),
                         .output_timeout = seconds(cfg.idle_timeout_s)});
    shared.stats.pages_scanned.fetch_add(1, std::memory_order_relaxed);
    shared.stats.bytes_scanned.fetch_add(page.decodedBytes(), std::memory_order_relaxed);
    std::string top;
    record.event().truncated |= !record.event().scores.assign(scoresText(page, limit, top));
    const bool banned = page.verdict(limit) == inspect::PageVerdict::kBanned;
    switch (scanned.outcome) {
      case ScanOutcome::kBlocked: {
        shared.stats.pages_blocked_by_score.fetch_add(1, std::memory_order_relaxed);
        std::string reason =
            banned ? fmt::format("The page has a phrase on the banned list ({}).", top)
                   : fmt::format("The page's words scored {} ({} {}), over {}'s limit of {}.",
                                 page.score().total(limit), top,
                                 page.score().categories(limit).front().score,
                                 who.group->config.name, limit);
        // The rest of the body is left unread: the site's connection closes.
        co_return co_await blockForInspection(policy::StepId::kContent, top, std::move(reason));
      }
      case ScanOutcome::kCut:
        // Part of the page has gone out: cutting the connection is all that is left.
        shared.stats.pages_cut_by_score.fetch_add(1, std::memory_order_relaxed);
        shared.stats.blocked.fetch_add(1, std::memory_order_relaxed);
        record.event().verdict = policy::Verdict::kBlock;
        record.event().step = policy::StepId::kContentCut;
        record.event().truncated |= !record.event().category.assign(top);
        record.finish(static_cast<uint16_t>(status), bytes_in, scanned.bytes);
        co_return false;
      case ScanOutcome::kInputFailed:
        shared.stats.upstream_errors.fetch_add(1, std::memory_order_relaxed);
        record.finish(static_cast<uint16_t>(status), bytes_in, scanned.bytes);
        co_return false;
      case ScanOutcome::kOutputFailed:
        record.finish(static_cast<uint16_t>(status), bytes_in, scanned.bytes);
        co_return false;
      case ScanOutcome::kPassed:
        break;
    }
    if (upstream_keep && response->is_done()) Up::pool(worker).give(key, std::move(upstream), shared.stats);
    record.finish(static_cast<uint16_t>(status), bytes_in, scanned.bytes);
    co_return keep;
  }

  RelayResult relayed = co_await relayBody(upstream->stream, upstream->buffer, *response,
                                           client.stream, seconds(cfg.upstream_timeout_s),
                                           seconds(cfg.idle_timeout_s));
  if (!relayed.ok) {
    // The head has gone out; the only honest thing left is to cut the connection.
    if (relayed.input_failed) shared.stats.upstream_errors.fetch_add(1, std::memory_order_relaxed);
    record.finish(static_cast<uint16_t>(status), bytes_in, relayed.bytes);
    co_return false;
  }
  if (upstream_keep && response->is_done()) Up::pool(worker).give(key, std::move(upstream), shared.stats);
  record.finish(static_cast<uint16_t>(status), bytes_in, relayed.bytes);
  co_return keep;
}

template awaitable<bool> handleHttp(ClientIo<beast::tcp_stream>&, RequestParser&, ProxyShared&,
                                    WorkerState&);
template awaitable<bool> handleHttp(ClientIo<TlsClientStream>&, RequestParser&, ProxyShared&,
                                    WorkerState&);

}  // namespace esafety::proxy
