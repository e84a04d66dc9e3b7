// GET /api/v1/inbox: requests from block pages, newest first, each with what
// was blocked and for whom (from the event its reference names).
#include <nlohmann/json.hpp>

#include "console/routes.h"
#include "events/event_host.h"
#include "pages/reference.h"

namespace esafety::console {
namespace {

using nlohmann::json;

ApiResponse inbox(ApiContext& ctx) {
  auto requests = ctx.store.inboxRequests(ctx.school, 200);
  if (!requests) return errorResponse(503, "The inbox cannot be read: " + requests.status().message());
  auto log = ctx.events();
  json items = json::array();
  for (const auto& r : *requests) {
    json item = {{"id", r.id},
                 {"kind", r.kind},
                 {"time_ms", r.created_at * 1000},
                 {"reference", pages::formatReference(r.reference)},
                 {"message", r.message},
                 {"client_ip", r.client_ip},
                 {"status", r.status},
                 {"url", ""},
                 {"category", ""},
                 {"group", ""},
                 {"device", ""},
                 {"user", ""}};
    if (log) {
      events::EventQuery q;
      q.school = ctx.school;
      q.reference = r.reference;
      q.limit = 1;
      if (auto rows = (*log)->query(q); rows && !rows->empty()) {
        const events::Event& e = rows->front().event;
        item["url"] = e.url.view();
        item["category"] = e.category.view();
        item["group"] = e.group.view();
        item["device"] = e.device_name.view();
        item["user"] = e.user_name.view();
      }
    }
    items.push_back(std::move(item));
  }
  return jsonResponse(200, {{"items", items}});
}

// POST {"id": 7, "status": "done"}: the request is handled (or seen, or new
// again); audited as the signed-in member of staff.
ApiResponse setStatus(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object() || !body.contains("id") || !body["id"].is_number_integer() ||
      !body.contains("status") || !body["status"].is_string()) {
    return errorResponse(400, "Give the request's id and its new status (new, seen or done).");
  }
  Status s = ctx.store.setInboxStatus(ctx.school, body["id"].get<int64_t>(),
                                      body["status"].get<std::string>(), session.email);
  if (s.code() == StatusCode::kInvalidArgument) return errorResponse(400, s.message());
  if (s.code() == StatusCode::kNotFound) return errorResponse(404, s.message());
  if (!s.isOk()) return errorResponse(503, "The inbox cannot be changed: " + s.message());
  return jsonResponse(200, {{"id", body["id"]}, {"status", body["status"]}});
}

}  // namespace

void addInboxRoutes(ApiRouter& router, ApiContext& ctx) {
  router.add("GET", "/api/v1/inbox", identity::Permission::kHandleInbox,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return inbox(ctx); });
  router.add("POST", "/api/v1/inbox/status", identity::Permission::kHandleInbox,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) { return setStatus(ctx, req, *s); });
}

}  // namespace esafety::console
