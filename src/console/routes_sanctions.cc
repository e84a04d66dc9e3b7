// Sanctions: deactivating an account, or restricting it to the school's
// allowed sites, until a date or until lifted, always with a reason. The
// changes are PeopleAdmin's (shared with `esafety people sanction`), the JSON
// control/entity_json.h's; this file reads the request and answers. The
// running filter applies a change on its next reload (about 2 seconds) and
// the store audits who, when and why.
#include <nlohmann/json.hpp>

#include "console/json_body.h"
#include "console/routes.h"
#include "control/entity_json.h"
#include "control/people_admin.h"
#include "identity/local_times.h"

namespace esafety::console {
namespace {

using control::PeopleAdmin;
using nlohmann::json;

ApiResponse list(ApiContext& ctx) {
  PeopleAdmin admin(ctx.store, ctx.school, ctx.clock);
  auto active = admin.activeSanctions();
  if (!active) return statusResponse(active.status(), "The sanctions cannot be read");
  json out = json::array();
  for (const auto& [sanction, person] : *active) {
    out.push_back(control::sanctionJson(sanction, person));
  }
  return jsonResponse(200, {{"sanctions", out}});
}

// {"who": UPN or login, "kind": "deactivate"|"restrict", "until": "YYYY-MM-DD"
// (the last day; empty: until lifted), "reason": "..."}
ApiResponse add(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body) return errorResponse(400, "Say who, which sanction, and why.");
  std::string kind = stringField(*body, "kind");
  if (kind != "deactivate" && kind != "restrict") {
    return errorResponse(400, "kind: choose deactivate or restrict.");
  }
  int64_t until = 0;
  if (std::string until_text = stringField(*body, "until"); !until_text.empty()) {
    auto end = identity::endOfDay(ctx.clock, until_text);
    if (!end) return errorResponse(400, "until: " + end.status().message());
    until = *end;
  }
  PeopleAdmin admin(ctx.store, ctx.school, ctx.clock);
  auto id = admin.sanction(stringField(*body, "who"),
                           kind == "deactivate" ? identity::SanctionKind::kDeactivate
                                                : identity::SanctionKind::kRestrict,
                           until, stringField(*body, "reason"), session.email);
  if (!id && id.status().code() == StatusCode::kPermissionDenied) {
    return errorResponse(403, id.status().message());  // the staff hierarchy
  }
  if (!id) return statusResponse(id.status(), "The sanction cannot be saved");
  if (kind == "deactivate") {
    // Signed out of the console at once, not at their session's end.
    if (auto person = admin.findPerson(stringField(*body, "who"))) ctx.sessions.endAllFor(person->id);
  }
  return jsonResponse(200, {{"id", *id}, {"until_ms", until * 1000}});
}

// {"id": 3, "reason": "..."}
ApiResponse lift(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  auto id = body ? intField(*body, "id") : std::nullopt;
  if (!id) return errorResponse(400, "id: give the sanction's number.");
  PeopleAdmin admin(ctx.store, ctx.school, ctx.clock);
  Status s = admin.liftSanction(*id, stringField(*body, "reason"), session.email);
  if (!s.isOk()) return statusResponse(s, "The sanction cannot be lifted");
  return jsonResponse(200, {{"id", *id}, {"lifted", true}});
}

}  // namespace

void addSanctionRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  router.add("GET", "/api/v1/sanctions", Permission::kApplySanctions,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return list(ctx); });
  router.add("POST", "/api/v1/sanctions", Permission::kApplySanctions,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return add(ctx, req, *s); });
  router.add("POST", "/api/v1/sanctions/lift", Permission::kApplySanctions,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return lift(ctx, req, *s); });
}

}  // namespace esafety::console
