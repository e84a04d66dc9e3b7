// The alert rota (issue 14, "Reaching a person"): who an alert reaches and
// when, for roles with Permission::kHandleAlerts (the DSL, the deputy DSL,
// the head): the rota decides who hears of a safeguarding concern, so it is
// the DSL's to set, as the alert rules are, and not the IT technician's
// (manage_settings), who does not see alerts. Every call is
// control::AlertRotaAdmin's, as `esafety alerts rota` is.
//
//   GET  /api/v1/alerts/rota   {"version", "set_ms", "by", "reason",
//                               "fields": {"in_hours": "role:dsl, ...", "days": "Mon-Fri", ...},
//                               "warnings": [...]}
//   POST /api/v1/alerts/rota   {"changes": {"hours": "08:30-15:30", ...}, "reason"} -> {"version"}
#include <nlohmann/json.hpp>

#include "console/json_body.h"
#include "console/routes.h"
#include "control/alert_rota.h"

namespace esafety::console {
namespace {

using nlohmann::json;

ApiResponse rota(ApiContext& ctx) {
  control::AlertRotaAdmin admin(ctx.store, ctx.school, ctx.clock);
  auto view = admin.view();
  if (!view) return statusResponse(view.status(), "The rota cannot be read");
  json fields = json::object();
  for (std::string_view field : control::kRotaFields) {
    fields[std::string(field)] = control::rotaFieldText(view->rota, field);
  }
  return jsonResponse(200, {{"version", view->version},
                            {"set_ms", view->set_at * 1000},
                            {"by", view->set_by},
                            {"reason", view->reason},
                            {"fields", fields},
                            {"warnings", view->warnings}});
}

ApiResponse setRota(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body || !(*body)["changes"].is_object() || !(*body)["reason"].is_string()) {
    return errorResponse(400, "Give the changes (field: value) and the reason for them.");
  }
  std::vector<control::SettingChange> changes;
  for (const auto& [field, value] : (*body)["changes"].items()) {
    if (!value.is_string()) return errorResponse(400, field + ": give the value as text");
    changes.push_back({field, value.get<std::string>()});
  }
  control::AlertRotaAdmin admin(ctx.store, ctx.school, ctx.clock);
  auto version = admin.change(changes, session.email, stringField(*body, "reason"));
  if (!version) return statusResponse(version.status(), "The rota cannot be changed");
  return jsonResponse(200, {{"version", *version}});
}

}  // namespace

void addAlertRotaRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  router.add("GET", "/api/v1/alerts/rota", Permission::kHandleAlerts,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return rota(ctx); });
  router.add("POST", "/api/v1/alerts/rota", Permission::kHandleAlerts,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return setRota(ctx, req, *s); });
}

}  // namespace esafety::console
