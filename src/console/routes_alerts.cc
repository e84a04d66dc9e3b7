// The DSL's alerts (issue 14), for roles with Permission::kHandleAlerts
// (dsl, head); every call is control::AlertAdmin's, as `esafety alerts` is.
//
//   GET  /api/v1/alerts?person=&group=&class=&category=&state=&open=1&level=&since_hours=&limit=
//   GET  /api/v1/alerts/detail?id=N
//   POST /api/v1/alerts/triage {"id", "action", "note"}
//   GET  /api/v1/alerts/stream   server-sent events: each new or changed alert
//                                (written by the console listener,
//                                serve/alert_streams.h; routed here for its checks)
//   GET  /api/v1/alerts/rules
//   POST /api/v1/alerts/rules  {"text", "reason"}
#include <nlohmann/json.hpp>

#include "console/json_body.h"
#include "console/alert_filter_params.h"
#include "console/routes.h"
#include "control/alert_admin.h"
#include "control/alert_json.h"

namespace esafety::console {
namespace {

using nlohmann::json;

ApiResponse list(ApiContext& ctx, const ApiRequest& req) {
  auto f = alertFilterParams(req, ctx.clock);
  if (!f) return errorResponse(400, f.status().message());
  control::AlertAdmin admin(ctx.store, ctx.school, nullptr, nullptr);
  auto rows = admin.list(*f);
  if (!rows) return statusResponse(rows.status(), "The alerts cannot be read");
  json items = json::array();
  for (const auto& a : *rows) items.push_back(control::alertJson(a));
  return jsonResponse(200, {{"items", items}});
}

ApiResponse detail(ApiContext& ctx, const ApiRequest& req) {
  auto id = alertIdParam(req);
  if (!id) return errorResponse(400, id.status().message());
  auto sealer = ctx.sealer();
  if (!sealer) return statusResponse(sealer.status(), "The notes cannot be opened");
  auto log = ctx.events();
  control::AlertAdmin admin(ctx.store, ctx.school, *sealer, log ? *log : nullptr);
  auto view = admin.show(*id);
  if (!view) return statusResponse(view.status(), "The alert cannot be read");
  return jsonResponse(200, control::alertDetailJson(*view));
}

ApiResponse triage(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  auto id = body ? intField(*body, "id") : std::nullopt;
  if (!body || !id || !(*body)["action"].is_string() || !(*body)["note"].is_string()) {
    return errorResponse(400, "Give the alert's id, the action and a note.");
  }
  auto sealer = ctx.sealer();
  if (!sealer) return statusResponse(sealer.status(), "The note cannot be sealed");
  control::AlertAdmin admin(ctx.store, ctx.school, *sealer, nullptr);
  auto state = admin.triage(*id, stringField(*body, "action"), stringField(*body, "note"),
                            session.email);
  if (!state) return statusResponse(state.status(), "The alert cannot be changed");
  if (ctx.alert_notifier != nullptr) ctx.alert_notifier->notify({*id});
  return jsonResponse(200, {{"id", *id}, {"state", alerts::alertStateName(*state)}});
}

ApiResponse rules(ApiContext& ctx) {
  control::AlertAdmin admin(ctx.store, ctx.school, nullptr, nullptr);
  auto current = admin.rules();
  if (!current) return statusResponse(current.status(), "The rules cannot be read");
  return jsonResponse(200, {{"version", current->version},
                            {"text", current->text},
                            {"set_ms", current->set_at * 1000},
                            {"by", current->set_by},
                            {"reason", current->reason}});
}

ApiResponse setRules(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body || !(*body)["text"].is_string() || !(*body)["reason"].is_string()) {
    return errorResponse(400, "Give the rules' text and the reason for the change.");
  }
  control::AlertAdmin admin(ctx.store, ctx.school, nullptr, nullptr);
  auto version = admin.setRules(stringField(*body, "text"), session.email,
                                stringField(*body, "reason"));
  if (!version) return statusResponse(version.status(), "The rules cannot be changed");
  return jsonResponse(200, {{"version", *version}});
}

}  // namespace

void addAlertRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  router.add("GET", "/api/v1/alerts", Permission::kHandleAlerts,
             [&ctx](const ApiRequest& req, const ConsoleSession*) { return list(ctx, req); });
  router.add("GET", "/api/v1/alerts/detail", Permission::kHandleAlerts,
             [&ctx](const ApiRequest& req, const ConsoleSession*) { return detail(ctx, req); });
  router.add("POST", "/api/v1/alerts/triage", Permission::kHandleAlerts,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return triage(ctx, req, *s); });
  // The listener streams it after the router's admission; reached here only
  // where nothing streams (a test's router, a console without the engine).
  router.add("GET", "/api/v1/alerts/stream", Permission::kHandleAlerts,
             [](const ApiRequest&, const ConsoleSession*) {
               return errorResponse(503, "Live alerts are not available here: reload the page to see new alerts.");
             });
  router.add("GET", "/api/v1/alerts/rules", Permission::kHandleAlerts,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return rules(ctx); });
  router.add("POST", "/api/v1/alerts/rules", Permission::kHandleAlerts,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return setRules(ctx, req, *s); });
}

}  // namespace esafety::console
