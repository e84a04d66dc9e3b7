// Private to src/proxy: one request as the pipeline's stages see it
// (request_stages.h). It holds no socket: the session makes one per request
// head it reads, the stages fill it in order, and the exit (request_exit.h)
// finishes its record. Unit tests build one from a Beast request and a
// ProxyShared (stage_test_support.h).
//
//   RequestRecord record(shared, client.address);
//   RequestContext request(shared, record, worker.scratch, parser.get(), client.address);
//   Outcome o = parseHttpTarget(request);   // then identify, decide, ...
//
// Who fills what: parse-target sets `target`, `url` and `search_term`; the
// session sets `snapshot` before identify, which sets `access`; decide sets
// `now`, `decide_target` and `decision`; the request checks and act set
// `forward`. A context belongs to one worker thread and lives for one request;
// `decide_target` points into `url`, so it never moves.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>

#include "classify/url.h"
#include "inspect/search/search_terms.h"
#include "policy/snapshot.h"
#include "proxy/client_identity.h"
#include "proxy/request_record.h"
#include "proxy/session_io.h"

namespace esafety::proxy {

using RequestHead = http::request<http::buffer_body>;

// Where an allowed request goes, and how (set by the request checks and act).
struct ForwardPlan {
  std::string host;           // where to connect: the URL's host, or safe search's host
  uint16_t port = 0;
  std::string pool_key;       // "host:port", for the keep-alive pools
  std::string origin_target;  // "/path?query" as sent upstream (safe search applied)
  bool websocket = false;     // an Upgrade: websocket request
  bool expect_continue = false;
};

struct RequestContext {
  RequestContext(ProxyShared& shared_state, RequestRecord& request_record,
                 policy::DecisionScratch& decision_scratch, RequestHead& head,
                 std::span<const uint8_t> address, const InspectedOrigin* inspected = nullptr)
      : shared(shared_state),
        record(request_record),
        scratch(decision_scratch),
        request(head),
        client_address(address),
        origin(inspected),
        client_keep_alive(head.keep_alive()),
        client_version(head.version()),
        has_body(hasBody(head)) {}
  RequestContext(const RequestContext&) = delete;
  RequestContext& operator=(const RequestContext&) = delete;

  static bool hasBody(const RequestHead& head) {
    if (head.chunked()) return true;
    auto length = head.find(http::field::content_length);
    return length != head.end() && length->value() != "0";
  }

  bool connect() const { return request.method() == http::verb::connect; }
  bool insideTls() const { return origin != nullptr; }
  // Keep the client connection after a page the proxy writes itself: only
  // when the client asked to and sent no body (which would be left unread).
  bool keepAfterOwnPage() const { return client_keep_alive && !has_body; }

  ProxyShared& shared;
  RequestRecord& record;
  policy::DecisionScratch& scratch;
  RequestHead& request;  // as read; act rewrites it for the site
  const std::span<const uint8_t> client_address;
  const InspectedOrigin* const origin;  // inside an inspected CONNECT: the site
  // As the client sent them, before act rewrites the request.
  const bool client_keep_alive;
  const unsigned client_version;
  const bool has_body;

  // parse-target
  std::string target;  // "http://...", "https://..." inside TLS, "host:port" for CONNECT
  std::optional<classify::NormalizedUrl> url;
  std::optional<search::SearchTerm> search_term;
  // identify (the session sets `snapshot` first: the request keeps it throughout)
  std::shared_ptr<const policy::Snapshot> snapshot;
  ClientAccess access;
  // decide
  LocalTime now;
  policy::Target decide_target;
  policy::Decision decision;
  // request checks and act
  ForwardPlan forward;
};

}  // namespace esafety::proxy
