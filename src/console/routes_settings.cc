// Settings: how long a sign-in at the portal lasts, for the year-group logins,
// staff and visitors. The same keys as `esafety sign-in set`, stored with an
// audit row naming the member of staff who changed them; the running server
// applies a change within about two seconds (identity/sign_in_settings.h).
#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

#include "console/json_body.h"
#include "console/routes.h"
#include "identity/session_policy.h"
#include "identity/sign_in_settings.h"

namespace esafety::console {
namespace {

using nlohmann::json;

struct SessionField {
  std::string_view json;   // the API's field
  std::string_view key;    // the stored setting
  std::string_view label;  // for messages
  int64_t identity::SessionLimits::*member;
};

constexpr SessionField kSessionFields[] = {
    {"year_group_minutes", "identity.year_group_session_minutes", "A year-group sign-in",
     &identity::SessionLimits::year_group_minutes},
    {"staff_minutes", "identity.staff_session_minutes", "A staff sign-in",
     &identity::SessionLimits::staff_minutes},
    {"visitor_minutes", "identity.visitor_session_minutes", "A visitor sign-in",
     &identity::SessionLimits::visitor_minutes},
};

// {"year_group_minutes", "staff_minutes", "visitor_minutes", "warnings": [...]}
ApiResponse sessionLengths(ApiContext& ctx) {
  std::vector<std::string> warnings;
  auto settings = identity::loadSignInSettings(ctx.store, ctx.school, warnings);
  if (!settings) return statusResponse(settings.status(), "The settings cannot be read");
  json out = {{"warnings", warnings}};
  for (const auto& f : kSessionFields) out[std::string(f.json)] = settings->limits.*f.member;
  return jsonResponse(200, out);
}

// Any of the three fields; every one given is checked before any is saved.
ApiResponse saveSessionLengths(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& s) {
  auto body = jsonBody(req);
  if (!body) return errorResponse(400, "Give the session lengths in minutes.");
  std::vector<std::pair<std::string_view, std::string>> changes;
  identity::SessionLimits scratch;
  for (const auto& f : kSessionFields) {
    if (!body->contains(f.json)) continue;
    auto minutes = intField(*body, f.json);
    std::string value = minutes ? std::to_string(*minutes) : "";
    if (!minutes || !identity::applySessionSetting(scratch, f.key, value).isOk()) {
      return jsonResponse(400, {{"error", fmt::format("{} must last from 5 to 1440 minutes (24 hours).",
                                                      f.label)},
                                {"field", f.json}});
    }
    changes.emplace_back(f.key, std::move(value));
  }
  if (changes.empty()) {
    return errorResponse(400, "Nothing to change: give year_group_minutes, staff_minutes or visitor_minutes.");
  }
  for (const auto& [key, value] : changes) {
    Status saved = ctx.store.setSetting(ctx.school, key, value, s.email);
    if (!saved.isOk()) return statusResponse(saved, "The setting cannot be saved");
  }
  return sessionLengths(ctx);
}

}  // namespace

void addSettingsRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  router.add("GET", "/api/v1/settings/sign-in-sessions", Permission::kManageSettings,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return sessionLengths(ctx); });
  router.add("PUT", "/api/v1/settings/sign-in-sessions", Permission::kManageSettings,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) {
               return saveSessionLengths(ctx, req, *s);
             });
}

}  // namespace esafety::console
