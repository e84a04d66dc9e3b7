// GET /api/v1/inbox: requests from block pages, newest first, each with what
// was blocked and for whom (from the event its reference names).
#include <nlohmann/json.hpp>

#include "console/routes.h"
#include "events/event_host.h"
#include "proxy/pages/reference.h"

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

}  // namespace

void addInboxRoutes(ApiRouter& router, ApiContext& ctx) {
  router.add("GET", "/api/v1/inbox", identity::Permission::kHandleInbox,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return inbox(ctx); });
}

}  // namespace esafety::console
