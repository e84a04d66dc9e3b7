// decide (request_stages.h): the policy's decision chain, steps 1-8, the same
// code `esafety check` and the DNS filter use.
#include <algorithm>

#include <fmt/format.h>

#include "proxy/request_stages.h"

namespace esafety::proxy {
namespace {

// CONNECT only: the port must be one the school lets tunnels reach, and the
// school must have a group to decide with.
std::optional<Outcome> refuseConnect(RequestContext& request) {
  const auto& ports = request.shared.config.proxy.connect_ports;
  const uint16_t port = request.url->port;
  if (std::find(ports.begin(), ports.end(), port) == ports.end()) {
    request.record.event().verdict = policy::Verdict::kBlock;
    request.record.event().category.assign("connect-port");
    return Outcome::respond(
        plainResponse(http::status::forbidden,
                      fmt::format("esafety: secure connections to port {} are not allowed here", port),
                      request.client_version),
        Tally::kBlocked);
  }
  if (request.access.who.group == nullptr) {
    return Outcome::respond(plainResponse(http::status::forbidden,
                                          "esafety: the school has no filter groups set up",
                                          request.client_version),
                            Tally::kNone);
  }
  return std::nullopt;
}

}  // namespace

Outcome decide(RequestContext& request) {
  if (request.connect()) {
    if (auto refused = refuseConnect(request)) return std::move(*refused);
  } else if (request.access.who.group == nullptr) {
    request.record.event().verdict = policy::Verdict::kBlock;
    return Outcome::respond(
        badRequestResponse(http::status::forbidden, "the school has no filter groups set up"),
        Tally::kBadRequest);
  }
  request.now = request.shared.clock.localNow();
  request.decide_target = request.connect() ? policy::Target::forHost(request.url->host)
                                            : policy::Target::forUrl(*request.url);
  // The snapshot is held for the whole request, so a reload part-way does
  // not change the rules under it.
  request.decision = request.snapshot->decide(*request.access.who.group, request.decide_target,
                                              request.now, {}, request.scratch);
  request.record.setDecision(*request.snapshot, request.decision);
  return Outcome::proceed();
}

}  // namespace esafety::proxy
