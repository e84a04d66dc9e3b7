// runStages and checkTlsName (request_stages.h).
#include <fmt/format.h>

#include "proxy/request_stages.h"

namespace esafety::proxy {

awaitable<Outcome> runStages(RequestContext& request) {
  const bool connect = request.connect();
  Outcome outcome = connect ? parseConnectTarget(request) : parseHttpTarget(request);
  if (outcome.ends()) co_return std::move(outcome);
  co_await identifyClient(request.access, *request.snapshot, accessRequestFor(request), request.shared);
  outcome = identified(request);
  if (outcome.ends()) co_return std::move(outcome);
  outcome = decide(request);
  if (outcome.ends()) co_return std::move(outcome);
  outcome = checkDeviceRestriction(request);
  if (outcome.ends()) co_return std::move(outcome);
  outcome = checkRequest(request);
  if (outcome.ends()) co_return std::move(outcome);
  co_return guardUpstream(request, connect ? actOnConnect(request) : actOnHttp(request));
}

Outcome checkTlsName(RequestContext& request, const std::optional<std::string>& server_name,
                     uint64_t bytes_in, uint64_t bytes_out) {
  if (!server_name || *server_name == request.url->host) return Outcome::proceed();
  auto sni = classify::normalizeHost(*server_name);
  if (!sni) return Outcome::proceed();
  policy::Decision by_name = request.snapshot->decide(
      *request.access.who.group, policy::Target::forHost(*sni), request.now, {}, request.scratch);
  if (by_name.verdict != policy::Verdict::kBlock) return Outcome::proceed();
  request.record.event().setUrl(fmt::format("{} (TLS name {})", request.target, *sni));
  request.record.setDecision(*request.snapshot, by_name);
  return Outcome::done(200, bytes_in, bytes_out, false, Tally::kBlocked);
}

}  // namespace esafety::proxy
