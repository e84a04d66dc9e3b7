// Private to src/proxy: the stages of one proxied request, in order
// (DESIGN.md §3; STYLE.md "a request is a chain of stages"):
//
//   parse-target → identify → decide → restriction → request checks → act → guard-upstream
//     → (forward) → response scan
//
// Each stage takes the RequestContext (request_context.h), fills in its part
// and returns an Outcome (request_outcome.h) saying what happens next. None
// touches a socket: the pipelines (http_request.cc for plain and inspected
// HTTP, connect_request.cc for CONNECT) run them, do the I/O act asks for,
// and send every ending through the one exit (request_exit.h). Plain HTTP,
// requests inside an inspected CONNECT, and CONNECT itself use the same
// stages; where they differ, the stage says so. Adding a check (an unsigned
// AUP, a paused device) is one more function here and its test.
//
// Counting: the stages bump the counters for what they see (requests are
// counted by the pipelines, circumvention tags here); endings are counted
// by the exit from Outcome::tally and the event's step.
#pragma once

#include <optional>
#include <string>

#include "inspect/page_inspector.h"
#include "pages/upstream_refused_page.h"
#include "proxy/request_context.h"
#include "proxy/request_outcome.h"
#include "proxy/scan_outcome.h"

namespace esafety::proxy {

// parse-target, for plain HTTP and requests inside an inspected CONNECT:
// the target must be an absolute http:// URL (or, inside TLS, a path or an
// https:// URL for the same site), normalise, and carry no user name or
// password. Sets target, url (the event's URL) and search_term. Refusals are
// kRespond with a 400 page (Tally::kBadRequest), the event blocked.
Outcome parseHttpTarget(RequestContext& request);
// parse-target for CONNECT: "host:port", nothing else. A refusal is a 400
// in plain text (browsers show their own error for a failed tunnel).
Outcome parseConnectTarget(RequestContext& request);

// identify: who is asking (identifyClient, with the captive portal and
// proxy sign-in), against request.snapshot. kSignIn when the client must
// sign in first; otherwise kContinue with request.access.who set, and the
// event names the device, person and group. Also in its two halves around
// the one wait, as runStages uses it (a coroutine of its own would cost
// every request a frame): accessRequestFor, identifyClient, identified.
awaitable<Outcome> identify(RequestContext& request);
AccessRequest accessRequestFor(const RequestContext& request);
Outcome identified(RequestContext& request);

// decide: the policy's decision chain (steps 1-8) for the client's group at
// the clock's local time, on the full URL (or the host, for CONNECT), onto
// the event. Before it, CONNECT's port must be in proxy.connect_ports (403,
// category "connect-port"), and the school must have a group at all (403).
Outcome decide(RequestContext& request);

// restriction, after decide: a teacher's pause or lesson allow-list on the
// client's device (shared.restrictions; policy/device_restriction.h). Paused,
// or a site not on the list: the paused or lesson-only page (403,
// Tally::kBlocked), the event blocked with category "paused" or
// "lesson-only" and tagged "restricted". CONNECT: only the host can be
// checked; when the tunnel will be inspected it is opened, so each request
// inside gets the page, else a plain 403 (as for a blocked site).
Outcome checkDeviceRestriction(RequestContext& request);
// Whether actOnConnect will open this CONNECT for TLS inspection.
bool opensForInspection(const RequestContext& request);

// request checks, beside the decision: circumvention signals (tagging the
// event, and blocking where the group blocks circumvention), the search's
// words against the monitoring lists (step 11: the block page where the
// group blocks that risk level), and, for an allowed search engine the
// decision rewrote, safe search enforced on the request (its query and
// headers; forward.origin_target). Blocks only what the decision allowed.
Outcome checkRequest(RequestContext& request);

// act, for HTTP: the block page for a blocked decision (Tally::kBlocked),
// else kForward with request.forward set and the request's head rewritten
// for the site (origin-form target, Host, hop-by-hop headers removed,
// HTTP/1.1 keep-alive towards the site).
Outcome actOnHttp(RequestContext& request);
// act, for CONNECT: kInspect when TLS inspection is on for the group and the
// site is not on the no-inspect list (even a blocked site is opened, so its
// requests get the block page); else a 403 for a blocked decision; else
// kTunnel to forward.host (safe search's host for a rewritten engine).
Outcome actOnConnect(RequestContext& request);

// guard-upstream, after act said kForward, kTunnel or kInspect: the request
// must go somewhere the proxy may fetch from (upstream_guard.h). Plain
// HTTP's port must be in proxy.http_ports; inside an inspected CONNECT, the
// port must be the CONNECT's; a tunnel to an IP literal must pass the guard.
// Names (and static hosts) are checked where they are resolved, at connect
// time (connectUpstream), on the very addresses connected; an inspected
// CONNECT is opened, so its requests get the refusal page from there.
// Returns `acted` when all is well, else refuseUpstream's answer.
Outcome guardUpstream(RequestContext& request, Outcome acted);
// A refusal for where the request goes: 403 with the refusal page for the
// client's audience (CONNECT: plain text), the event blocked with category
// "internal-address", "http-port" or "tunnel-port" and tagged
// "upstream-refused" and the address's kind ("private", "loopback", ...),
// and counted (ProxyStats::upstream_refused). `detail` says what and why.
Outcome refuseUpstream(RequestContext& request, pages::UpstreamRefusal kind, std::string_view detail,
                       AddressKind address_kind = AddressKind::kPublic);
// The same for an address connect time refused.
Outcome refuseUpstream(RequestContext& request, const AddressRefusal& refused);

// response scan: the verdict on a response relayed through the phrase
// scanner (scanned_relay.h). Puts the page's scores on the event. Over the
// limit before anything was sent: the block page (step 9). Over it later:
// kDone, cut (step 10). The site failing mid-body: kDone with
// Tally::kUpstreamError. Otherwise kDone with `keep_alive`.
struct ScanReport {
  ScanRelayResult relayed;
  const inspect::PageInspector* page = nullptr;
  int32_t limit = 0;          // the group's phrase limit
  uint16_t status = 0;        // the site's status
  uint64_t bytes_in = 0;      // request bytes sent to the site
  bool keep_alive = false;    // whether the client connection may carry on
};
Outcome judgeScan(RequestContext& request, const ScanReport& report);

// CONNECT, once the tunnel is open and the ClientHello read: a server name
// that differs from the CONNECT's host is decided too. Blocked: kDone
// (Tally::kBlocked) with the event naming the TLS name and carrying its
// decision, and `bytes_in`/`bytes_out`; the tunnel closes. Else kContinue.
Outcome checkTlsName(RequestContext& request, const std::optional<std::string>& server_name,
                     uint64_t bytes_in, uint64_t bytes_out);

// The stages up to act, in order, for plain HTTP, requests inside an
// inspected CONNECT, and CONNECT: parse-target, identify, decide, request
// restriction, checks, act, guard-upstream. Returns the first outcome that ends the request, or act's.
// request.snapshot must be set.
awaitable<Outcome> runStages(RequestContext& request);

// A block for something the proxy found itself (step 9 or 11, or
// circumvention as step 5): the event's verdict, step and category, and the
// block page (CONNECT: a plain 403) explained by policy::explainFinding.
Outcome blockForFinding(RequestContext& request, policy::InspectionFinding finding);

}  // namespace esafety::proxy
