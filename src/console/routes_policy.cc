// The filter policy, to read: groups (blocked and allowed categories, time
// rules, safe search), categories, and the local allow and deny entries with
// who added each and why; and "check a URL", the same explanation as
// `esafety check`, from a snapshot built the way the filter builds its own.
// Changing it is routes_policy_edit.cc.
#include <nlohmann/json.hpp>

#include "classify/url.h"
#include "console/json_body.h"
#include "console/routes.h"
#include "control/snapshot_loader.h"
#include "policy/explanation.h"

namespace esafety::console {
namespace {

using nlohmann::json;

ApiResponse policyView(ApiContext& ctx) {
  auto data = ctx.store.loadPolicy(ctx.school);
  if (!data) return statusResponse(data.status(), "The policy cannot be read");
  json groups = json::array();
  for (const policy::Group& g : data->groups) {
    json rules = json::array();
    json rule_details = json::array();
    for (size_t i = 0; i < g.time_rules.size(); ++i) {
      const policy::TimeRule& r = g.time_rules[i];
      rules.push_back(r.describe());
      rule_details.push_back({{"index", i},
                              {"text", r.describe()},
                              {"category", r.category},
                              {"action", policy::actionName(r.action)},
                              {"note", r.note}});
    }
    groups.push_back({{"name", g.name},
                      {"description", g.description},
                      {"blocked_categories", g.blocked_categories},
                      {"allowed_categories", g.allowed_categories},
                      {"uncategorised", policy::actionName(g.uncategorised)},
                      {"allow_list_only", g.allow_list_only},
                      {"safe_search", g.safe_search},
                      {"inspect_tls", g.inspect_tls},
                      {"time_rules", rules},
                      {"rules", rule_details}});
  }
  json categories = json::array();
  for (const policy::CategoryDef& c : data->categories) {
    categories.push_back({{"name", c.name},
                          {"title", c.title},
                          {"description", c.description},
                          {"unoverridable", c.unoverridable},
                          {"allow_list", c.allow_list}});
  }
  auto local = ctx.store.localEntries(ctx.school);
  if (!local) return statusResponse(local.status(), "The local entries cannot be read");
  json entries = json::array();
  for (const policy::LocalEntry& e : *local) {
    entries.push_back({{"id", e.id},
                       {"group", e.group},
                       {"pattern", e.pattern},
                       {"action", policy::actionName(e.action)},
                       {"added_by", e.added_by},
                       {"added_at_ms", e.added_at * 1000},
                       {"reason", e.reason}});
  }
  return jsonResponse(200, {{"groups", groups}, {"categories", categories}, {"entries", entries}});
}

// ?url=...&group=KS1: the decision for that group now, explained.
ApiResponse check(ApiContext& ctx, const ApiRequest& req) {
  std::string target_text(req.param("url"));
  std::string group_name(req.param("group"));
  if (target_text.empty()) return errorResponse(400, "url: give a web address or a site name.");
  auto url = classify::normalizeUrl(target_text);
  if (!url) return errorResponse(400, "url: '" + target_text + "' is not a web address: " + url.status().message());
  auto snapshot = control::loadSnapshot(ctx.store, ctx.school, ctx.index_path, nullptr, &ctx.clock);
  if (!snapshot) return statusResponse(snapshot.status(), "The policy cannot be loaded");
  const policy::GroupPolicy* group = (*snapshot)->group(group_name);
  if (group == nullptr) return errorResponse(400, "group: there is no group called '" + group_name + "'.");
  bool bare_host = url->scheme.empty() && url->path.empty();
  policy::Target target = bare_host ? policy::Target::forHost(url->host) : policy::Target::forUrl(*url);
  policy::DecisionScratch scratch;
  LocalTime now = ctx.clock.localNow();
  policy::Decision d = (*snapshot)->decide(*group, target, now, {}, scratch);
  policy::Explanation e = policy::explain(**snapshot, *group, target, now, d, scratch);
  ApiResponse r;
  r.status = 200;
  r.body = e.toJson();
  return r;
}

}  // namespace

void addPolicyRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  router.add("GET", "/api/v1/policy", Permission::kEditFilterPolicy,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return policyView(ctx); });
  router.add("GET", "/api/v1/policy/check", Permission::kEditFilterPolicy,
             [&ctx](const ApiRequest& req, const ConsoleSession*) { return check(ctx, req); });
  addPolicyEditRoutes(router, ctx);
}

}  // namespace esafety::console
