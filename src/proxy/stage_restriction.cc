// restriction (request_stages.h): a teacher's pause or lesson allow-list on
// the client's device, from the board the restriction service publishes to
// (policy/restriction_board.h), so a change meets the device's next request.
#include "identity/local_times.h"
#include "policy/model.h"
#include "proxy/request_stages.h"
#include "proxy/responses.h"

namespace esafety::proxy {
namespace {

pages::RestrictionPageInfo pageInfo(const RequestContext& request, const policy::DeviceRestriction& r) {
  pages::RestrictionPageInfo info;
  const std::string& group = request.access.who.group->config.name;
  info.audience = policy::isPupilGroup(group) ? pages::Audience::kChild : pages::Audience::kAdult;
  if (r.until != 0) info.until_text = identity::formatLocal(request.shared.clock, r.until).substr(11);
  info.site = request.url->host;
  for (const auto& e : r.allow) info.allowed.push_back(policy::allowEntryText(e));
  return info;
}

}  // namespace

Outcome checkDeviceRestriction(RequestContext& request) {
  const policy::RestrictionBoard* board = request.shared.restrictions;
  const policy::Device* device = request.access.who.device;
  if (board == nullptr || device == nullptr) return Outcome::proceed();
  const std::shared_ptr<const policy::RestrictionSet> set = board->current();
  const policy::DeviceRestriction* r = set->find(device->id);
  if (r == nullptr) return Outcome::proceed();
  const bool connect = request.connect();
  std::optional<std::string_view> path;
  if (!connect) path = request.url->path.empty() ? std::string_view("/") : std::string_view(request.url->path);
  const policy::RestrictionVerdict verdict =
      policy::checkRestriction(r, request.shared.clock.nowUnix(), request.url->host, path);
  if (verdict == policy::RestrictionVerdict::kNone || verdict == policy::RestrictionVerdict::kAllowed) {
    return Outcome::proceed();
  }
  const bool paused = verdict == policy::RestrictionVerdict::kPaused;
  // Inspected, the tunnel opens and each request inside meets this stage again.
  if (connect && opensForInspection(request)) return Outcome::proceed();
  request.record.event().verdict = policy::Verdict::kBlock;
  request.record.event().category.assign(paused ? "paused" : "lesson-only");
  request.record.addTag("restricted");
  if (connect) {
    return Outcome::respond(plainResponse(http::status::forbidden,
                                          paused ? "esafety: a teacher has paused this device"
                                                 : "esafety: only the lesson's sites now",
                                          request.client_version),
                            Tally::kBlocked);
  }
  const bool keep = request.keepAfterOwnPage();
  return Outcome::respond(restrictionResponse(pageInfo(request, *r), paused, request.client_version, keep),
                          Tally::kBlocked, keep);
}

}  // namespace esafety::proxy
