// act, for CONNECT (request_stages.h): inspect, refuse, or tunnel. Apart
// from actOnHttp because it asks TLS inspection (tls_streams.h) whether the
// site may be opened.
#include <fmt/format.h>

#include "policy/explanation.h"
#include "proxy/request_stages.h"
#include "proxy/tls_streams.h"

namespace esafety::proxy {

bool opensForInspection(const RequestContext& request) {
  TlsInspection* tls = request.shared.tls.load(std::memory_order_acquire);
  return tls != nullptr && request.access.who.group->config.inspect_tls &&
         !tls->noInspect()->matches(request.url->host);
}

Outcome actOnConnect(RequestContext& request) {
  const policy::Decision& d = request.decision;
  const policy::GroupPolicy& group = *request.access.who.group;
  const std::string& host = request.url->host;
  // With inspection, even a blocked site is opened: each request inside gets
  // the block page, which the browser shows, instead of a tunnel error.
  TlsInspection* tls = request.shared.tls.load(std::memory_order_acquire);
  const bool inspect = tls != nullptr && group.config.inspect_tls;
  if (inspect && !tls->noInspect()->matches(host)) return Outcome::act(Next::kInspect);
  if (inspect) request.shared.stats.tls_not_inspected.fetch_add(1, std::memory_order_relaxed);
  if (d.verdict == policy::Verdict::kBlock) {
    // A browser shows its own error for a refused tunnel, not this text;
    // the block page needs TLS inspection (see docs/operations.md).
    policy::Explanation e = policy::explain(*request.snapshot, group, request.decide_target,
                                            request.now, d, request.scratch);
    return Outcome::respond(
        plainResponse(http::status::forbidden,
                      fmt::format("esafety blocked {}: {} (reference {})", host, e.reason,
                                  request.record.reference()),
                      request.client_version),
        Tally::kBlocked);
  }
  request.forward.host = d.verdict == policy::Verdict::kRewrite ? std::string(d.rewrite_host) : host;
  request.forward.port = request.url->port;
  return Outcome::act(Next::kTunnel);
}

}  // namespace esafety::proxy
