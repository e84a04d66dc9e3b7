// POST /api/v1/session (sign in: sign_in_flow.h), GET (who am I), DELETE (sign out).
#include <nlohmann/json.hpp>

#include "console/routes.h"
#include "console/sign_in_flow.h"

namespace esafety::console {
using nlohmann::json;

json userJson(const ConsoleSession& s) {
  json permissions = json::array();
  for (size_t i = 0; i < identity::kPermissionCount; ++i) {
    auto p = static_cast<identity::Permission>(i);
    if (identity::allowed(s.role, p)) permissions.push_back(identity::permissionName(p));
  }
  return {{"name", s.name}, {"email", s.email}, {"role", identity::roleName(s.role)},
          {"permissions", permissions}};
}

void addSessionRoutes(ApiRouter& router, ApiContext& ctx) {
  router.addPublic("POST", "/api/v1/session",
                   [&ctx](const ApiRequest& req, const ConsoleSession*) { return signInNow(ctx, req); });
  router.addPublic("GET", "/api/v1/session", [](const ApiRequest&, const ConsoleSession* s) {
    if (s == nullptr) return errorResponse(401, "Please sign in.");
    return jsonResponse(200, {{"user", userJson(*s)}, {"csrf", s->csrf}});
  });
  router.addPublic("DELETE", "/api/v1/session", [&ctx](const ApiRequest& req, const ConsoleSession* s) {
    if (s != nullptr) {
      if (req.csrf_token != s->csrf) return errorResponse(403, "Reload the page and try again.");
      ctx.sessions.end(s->id);
    }
    ApiResponse r;
    r.status = 204;
    r.headers.emplace_back("Set-Cookie", sessionCookie(ctx, "", 0));
    return r;
  });
}

}  // namespace esafety::console
