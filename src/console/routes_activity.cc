// GET /api/v1/events (the activity search), /api/v1/events.csv (its export)
// and /api/v1/dashboard (today's figures). An event's JSON is
// event_log/event_json.h's, shared with `esafety logs --format json`.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "console/routes.h"
#include "event_log/event_format.h"
#include "event_log/event_json.h"
#include "event_log/event_summary.h"
#include "events/event_time.h"

namespace esafety::console {
namespace {

using nlohmann::json;
constexpr int64_t kMaxPage = 500;
constexpr int64_t kMaxExport = 100000;

// Reads the filters shared by the search and the export; an error names the
// field. Times are the school's local time, as a datetime-local field sends
// them ("2026-11-28T09:30") or as `esafety logs` takes them.
Result<events::EventQuery> queryFrom(const ApiRequest& req, int64_t school) {
  events::EventQuery q;
  q.school = school;
  q.user = req.param("user");
  q.group = req.param("group");
  q.category = req.param("category");
  q.host = req.param("host");
  q.client_ip = req.param("client");
  if (auto d = req.param("decision"); !d.empty()) {
    policy::Verdict v;
    if (!events::parseVerdict(d, &v)) return invalidArgument("decision: use allow, block or rewrite");
    q.verdict = v;
  }
  for (const char* field : {"from", "to"}) {
    std::string text(req.param(field));
    if (text.empty()) continue;
    if (text.size() > 10 && text[10] == 'T') text[10] = ' ';
    auto ms = events::parseEventTime(text, std::string_view(field) == "from"
                                               ? events::DateOnly::kStartOfDay
                                               : events::DateOnly::kEndOfDay);
    if (!ms) return invalidArgument(fmt::format("{}: {}", field, ms.status().message()));
    (std::string_view(field) == "from" ? q.from_ms : q.to_ms) = *ms;
  }
  auto number = [&](const char* field, int64_t fallback, int64_t max) -> Result<int64_t> {
    std::string_view text = req.param(field);
    if (text.empty()) return fallback;
    int64_t v = 0;
    for (char c : text) {
      if (c < '0' || c > '9' || v > max) return invalidArgument(fmt::format("{}: not a number from 0 to {}", field, max));
      v = v * 10 + (c - '0');
    }
    if (v > max) return invalidArgument(fmt::format("{}: not a number from 0 to {}", field, max));
    return v;
  };
  auto limit = number("limit", 100, kMaxPage);
  if (!limit) return limit.status();
  auto offset = number("offset", 0, 100000000);
  if (!offset) return offset.status();
  q.limit = *limit;
  q.offset = *offset;
  return q;
}

ApiResponse search(ApiContext& ctx, const ApiRequest& req) {
  auto q = queryFrom(req, ctx.school);
  if (!q) return errorResponse(400, q.status().message());
  auto store = ctx.events();
  if (!store) return errorResponse(503, "The activity log cannot be opened: " + store.status().message());
  int64_t wanted = q->limit;
  q->limit = wanted + 1;  // one more says whether another page follows
  auto rows = (*store)->query(*q);
  if (!rows) return errorResponse(503, "The activity log cannot be read: " + rows.status().message());
  bool more = static_cast<int64_t>(rows->size()) > wanted;
  if (more) rows->pop_back();
  json list = json::array();
  for (const auto& row : *rows) list.push_back(events::eventJson(row));
  return jsonResponse(200, {{"events", list}, {"more", more}});
}

ApiResponse exportCsv(ApiContext& ctx, const ApiRequest& req) {
  auto q = queryFrom(req, ctx.school);
  if (!q) return errorResponse(400, q.status().message());
  auto store = ctx.events();
  if (!store) return errorResponse(503, "The activity log cannot be opened: " + store.status().message());
  q->limit = kMaxExport;
  q->offset = 0;
  auto rows = (*store)->query(*q);
  if (!rows) return errorResponse(503, "The activity log cannot be read: " + rows.status().message());
  ApiResponse r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = events::eventsCsv(*rows);
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"esafety-activity.csv\"");
  return r;
}

json countsJson(const std::vector<std::pair<std::string, int64_t>>& counts) {
  json out = json::array();
  for (const auto& [label, value] : counts) out.push_back({{"label", label}, {"value", value}});
  return out;
}

ApiResponse dashboard(ApiContext& ctx) {
  LocalTime now = ctx.clock.localNow();
  std::string day = fmt::format("{:04}-{:02}-{:02}", now.year, now.month, now.day);
  auto from = events::parseEventTime(day, events::DateOnly::kStartOfDay);
  auto to = events::parseEventTime(day, events::DateOnly::kEndOfDay);
  if (!from || !to) return errorResponse(500, "The school's date could not be worked out.");
  auto store = ctx.events();
  if (!store) return errorResponse(503, "The activity log cannot be opened: " + store.status().message());
  auto s = events::summariseEvents(**store, ctx.school, *from, *to, 10);
  if (!s) return errorResponse(503, "The activity log cannot be read: " + s.status().message());
  return jsonResponse(200, {{"day", day},
                            {"requests", s->requests},
                            {"blocked", s->blocked},
                            {"categories", countsJson(s->categories)},
                            {"top_blocked", countsJson(s->blocked_hosts)}});
}

}  // namespace

void addActivityRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  router.add("GET", "/api/v1/events", Permission::kSearchActivity,
             [&ctx](const ApiRequest& req, const ConsoleSession*) { return search(ctx, req); });
  router.add("GET", "/api/v1/events.csv", Permission::kExportActivity,
             [&ctx](const ApiRequest& req, const ConsoleSession*) { return exportCsv(ctx, req); });
  router.add("GET", "/api/v1/dashboard", Permission::kViewDashboard,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return dashboard(ctx); });
}

}  // namespace esafety::console
