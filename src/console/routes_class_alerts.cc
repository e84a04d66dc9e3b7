// A teacher's own class's alerts (issue 14), for roles with
// Permission::kViewClassAlerts (teachers), when the school has turned it on
// in the alert rota; every call is control::ClassAlerts's. Read only: the
// DSL triages. Turned off, or a teacher with no class: 409 with the reason
// (403 is kept for a role without the permission).
//
//   GET /api/v1/class-alerts?category=&state=&open=1&level=&since_hours=&limit=
//        -> {"class", "items": [alert, ...]}   (person=, group= and class= are not taken)
//   GET /api/v1/class-alerts/detail?id=N
//        -> the alert with its evidence; "actions" and "escalations" empty
#include <nlohmann/json.hpp>

#include "console/alert_filter_params.h"
#include "console/json_body.h"
#include "console/routes.h"
#include "control/alert_json.h"
#include "control/class_alerts.h"

namespace esafety::console {
namespace {

using nlohmann::json;

ApiResponse list(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto f = alertFilterParams(req, ctx.clock);
  if (!f) return errorResponse(400, f.status().message());
  f->person.clear();
  f->group.clear();
  control::ClassAlerts view(ctx.store, ctx.school, nullptr);
  auto class_name = view.classOf(session.person);
  if (!class_name) return statusResponse(class_name.status(), "The class cannot be read");
  auto rows = view.list(session.person, *f);
  if (!rows) return statusResponse(rows.status(), "The alerts cannot be read");
  json items = json::array();
  for (const auto& a : *rows) items.push_back(control::alertJson(a));
  return jsonResponse(200, {{"class", *class_name}, {"items", items}});
}

ApiResponse detail(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto id = alertIdParam(req);
  if (!id) return errorResponse(400, id.status().message());
  auto log = ctx.events();
  control::ClassAlerts view(ctx.store, ctx.school, log ? *log : nullptr);
  auto shown = view.show(session.person, *id);
  if (!shown) return statusResponse(shown.status(), "The alert cannot be read");
  return jsonResponse(200, control::alertDetailJson(*shown));
}

}  // namespace

void addClassAlertRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  router.add("GET", "/api/v1/class-alerts", Permission::kViewClassAlerts,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return list(ctx, req, *s); });
  router.add("GET", "/api/v1/class-alerts/detail", Permission::kViewClassAlerts,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return detail(ctx, req, *s); });
}

}  // namespace esafety::console
