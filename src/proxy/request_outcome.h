// Private to src/proxy: what a stage of the request pipeline tells the
// pipeline to do next, in the manner of Envoy's filter status. Every stage
// (request_stages.h) returns an Outcome; the pipeline (http_request.cc,
// connect_request.cc) acts on it, and every outcome that ends a request goes
// through the one exit (request_exit.h), which writes what is left to write,
// counts the ending and finishes the request's event.
//
// The contract, by Next:
//   kContinue  nothing decided: run the next stage. No other field is read.
//   kRespond   the request ends with `response` (a refusal, a block page, an
//              error page). The exit writes it and finishes the event with its
//              status; the connection carries on only if `keep_alive` and the
//              write succeeded.
//   kSignIn    the client must sign in first. The exit sends the identify
//              stage's answer (ClientAccess::answer) through answerSignIn; the
//              connection closes.
//   kForward   act: send the request upstream (plain or inspected HTTP), as
//              RequestContext::forward says.
//   kTunnel    act: tunnel the CONNECT to RequestContext::forward's host.
//   kInspect   act: open the CONNECT with TLS inspection.
//   kDone      the request has ended with what was already sent (a relayed
//              response, a page cut off, a tunnel closed): the exit finishes
//              the event with `status` and the bytes; the connection carries
//              on only if `keep_alive`.
//
//   Outcome parsed = parseHttpTarget(request);
//   if (parsed.next != Next::kContinue) co_return co_await finishRequest(client, request, parsed);
#pragma once

#include <cstdint>
#include <optional>
#include <utility>

#include "proxy/responses.h"

namespace esafety::proxy {

enum class Next : uint8_t { kContinue, kRespond, kSignIn, kForward, kTunnel, kInspect, kDone };

// Which of the proxy's counters an ending adds to (ProxyStats), besides the
// step counters the exit bumps for steps 9-11.
enum class Tally : uint8_t {
  kNone,
  kBadRequest,     // bad_requests: 400, 408, 431, refusals of what the client sent
  kBlocked,        // blocked: a block page or refused tunnel
  kUpstreamError,  // upstream_errors: 502/504, or the site failed mid-body
};

struct Outcome {
  Next next = Next::kContinue;
  Tally tally = Tally::kNone;
  std::optional<Response> response;  // kRespond
  bool keep_alive = false;           // kRespond, kDone
  uint16_t status = 0;               // kDone: the status the client saw (0: none)
  uint64_t bytes_in = 0;             // kDone: bytes from the client sent on
  uint64_t bytes_out = 0;            // kDone: bytes written to the client

  static Outcome proceed() { return {}; }
  static Outcome act(Next next) {
    Outcome o;
    o.next = next;
    return o;
  }
  static Outcome signIn() { return act(Next::kSignIn); }
  static Outcome respond(Response response, Tally tally, bool keep_alive = false) {
    Outcome o = act(Next::kRespond);
    o.tally = tally;
    o.response = std::move(response);
    o.keep_alive = keep_alive;
    return o;
  }
  static Outcome done(uint16_t status, uint64_t bytes_in, uint64_t bytes_out, bool keep_alive,
                      Tally tally = Tally::kNone) {
    Outcome o = act(Next::kDone);
    o.tally = tally;
    o.keep_alive = keep_alive;
    o.status = status;
    o.bytes_in = bytes_in;
    o.bytes_out = bytes_out;
    return o;
  }
  bool ends() const { return next == Next::kRespond || next == Next::kSignIn || next == Next::kDone; }
};

}  // namespace esafety::proxy
