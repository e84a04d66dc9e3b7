// act, for HTTP (request_stages.h): the block page, or the request made
// ready for the site.
#include <boost/beast/core/string.hpp>

#include "proxy/message_rules.h"
#include "proxy/request_stages.h"

namespace esafety::proxy {

Outcome actOnHttp(RequestContext& request) {
  const policy::Decision& d = request.decision;
  if (d.verdict == policy::Verdict::kBlock) {
    const bool keep = request.keepAfterOwnPage();
    BlockContext context{request.snapshot.get(), request.access.who.group, request.decide_target,
                         request.now, d, &request.scratch, request.record.reference(),
                         request.shared.config.console.public_url,
                         blockFormToken(request.shared, request.record.reference(), request.client_address)};
    return Outcome::respond(blockResponse(context, request.client_version, keep), Tally::kBlocked, keep);
  }
  // Safe search sends the connection to the engine's safe host and keeps
  // the Host header, as the DNS rewrite does.
  const classify::NormalizedUrl& url = *request.url;
  RequestHead& req = request.request;
  ForwardPlan& plan = request.forward;
  const uint16_t default_port = request.insideTls() ? 443 : 80;
  plan.host = d.verdict == policy::Verdict::kRewrite ? std::string(d.rewrite_host) : url.host;
  plan.port = url.port != 0 ? url.port : default_port;
  plan.pool_key = plan.host + ":" + std::to_string(plan.port);
  plan.websocket = isWebSocketUpgrade(req);
  plan.expect_continue = beast::iequals(req[http::field::expect], "100-continue");
  std::string authority = url.host_kind == classify::HostKind::kIpv6 ? "[" + url.host + "]" : url.host;
  if (url.port != 0 && url.port != default_port) authority += ":" + std::to_string(url.port);
  req.target(plan.origin_target);
  req.set(http::field::host, authority);
  removeHopByHop(req, plan.websocket);
  req.erase(http::field::expect);
  req.version(11);
  if (!plan.websocket) req.keep_alive(true);
  return Outcome::act(Next::kForward);
}

}  // namespace esafety::proxy
