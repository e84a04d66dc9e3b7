// Changing the filter policy from the console: the school's own allow and
// deny entries, how a group treats a category, time rules, and sites in no
// category. Each change is control::PolicyAdmin's, with the same checks as
// `esafety policy` (a reason, the site, illegal content never allowed: the
// refusal's sentence comes back with 422); this file reads the request's
// fields and answers. The store audits each
// change with the signed-in person as the actor and the reason they gave,
// and a running `esafety serve` sees the new audit entry and reloads within
// about 2 seconds. Every answer to a change carries "done": what changed,
// in plain words ("Blocked 'gambling' for KS2.").
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "console/json_body.h"
#include "console/routes.h"
#include "control/policy_admin.h"

namespace esafety::console {
namespace {

using nlohmann::json;
using policy::Action;

// Refusals of illegal content are 422 with their sentence; the rest as usual.
ApiResponse changeFailed(const Status& status, std::string_view what) {
  if (status.code() == StatusCode::kPermissionDenied) return errorResponse(422, status.message());
  return statusResponse(status, what);
}

ApiResponse done(int code, std::string sentence, json extra = json::object()) {
  extra["done"] = std::move(sentence);
  return jsonResponse(code, extra);
}

control::PolicyAdmin adminFor(ApiContext& ctx) {
  return control::PolicyAdmin(ctx.store, ctx.school, ctx.index_path);
}

// The body's "group": a group that exists, named as the store names it.
Result<std::string> groupFrom(ApiContext& ctx, const json& body) {
  std::string name = stringField(body, "group");
  if (name.empty()) return invalidArgument("group: choose a group.");
  auto group = ctx.store.group(ctx.school, name);
  if (!group) return group.status();
  if (!*group) return invalidArgument("group: there is no group called '" + name + "'.");
  return (**group).name;
}

Result<std::string> categoryFrom(ApiContext& ctx, const json& body) {
  std::string name = stringField(body, "category");
  if (name.empty()) return invalidArgument("category: choose a category.");
  auto category = ctx.store.category(ctx.school, name);
  if (!category) return category.status();
  if (!*category) return invalidArgument("category: there is no category called '" + name + "'.");
  return name;
}

// "allow" or "block" (and "none" where `none_ok`); nullopt for "none".
Result<std::optional<Action>> actionFrom(const json& body, bool none_ok) {
  std::string text = stringField(body, "action");
  if (none_ok && text == "none") return std::optional<Action>();
  auto action = policy::parseAction(text);
  if (!action) {
    return invalidArgument(none_ok ? "action: say \"block\", \"allow\" or \"none\"."
                                   : "action: say \"allow\" or \"block\".");
  }
  return std::optional<Action>(*action);
}

std::string forWhom(std::string_view group) {
  return group.empty() ? "every group" : std::string(group);
}

std::string blockedOrAllowed(Action action) {
  return action == Action::kBlock ? "Blocked" : "Allowed";
}

// {"pattern", "action": "allow"|"block", "group" ("" or absent: every group), "reason"}
ApiResponse addEntry(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body) return errorResponse(400, "Give the site, allow or block, and the reason.");
  auto action = actionFrom(*body, false);
  if (!action) return errorResponse(400, action.status().message());
  auto stored = adminFor(ctx).addLocalEntry({.group = stringField(*body, "group"),
                                             .pattern = stringField(*body, "pattern"),
                                             .action = **action,
                                             .added_by = session.email,
                                             .reason = stringField(*body, "reason")});
  if (!stored) return changeFailed(stored.status(), "The entry cannot be saved");
  return done(201,
              fmt::format("{} {} for {}.", blockedOrAllowed(stored->action), stored->pattern,
                          forWhom(stored->group)),
              {{"id", stored->id}, {"pattern", stored->pattern}});
}

// {"id", "reason"}
ApiResponse removeEntry(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body) return errorResponse(400, "Give the entry's id and the reason.");
  std::optional<int64_t> id = intField(*body, "id");
  if (!id || *id <= 0) return errorResponse(400, "id: give the number of the entry to remove.");
  auto removed =
      adminFor(ctx).removeLocalEntry(*id, session.email, stringField(*body, "reason"));
  if (!removed) return changeFailed(removed.status(), "The entry cannot be removed");
  return done(200, fmt::format("Removed the entry that {} {} for {}.",
                               removed->action == Action::kBlock ? "blocked" : "allowed",
                               removed->pattern, forWhom(removed->group)));
}

// {"group", "category", "action": "block"|"allow"|"none", "reason"}
ApiResponse setCategory(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body)
    return errorResponse(400, "Give the group, the category, block or allow, and the reason.");
  auto group = groupFrom(ctx, *body);
  if (!group) return changeFailed(group.status(), "The groups cannot be read");
  auto category = categoryFrom(ctx, *body);
  if (!category) return changeFailed(category.status(), "The categories cannot be read");
  auto action = actionFrom(*body, true);
  if (!action) return errorResponse(400, action.status().message());
  Status s = adminFor(ctx).setGroupCategory(*group, *category, *action, session.email,
                                            stringField(*body, "reason"));
  if (!s.isOk()) return changeFailed(s, "The group cannot be saved");
  if (!*action) {
    return done(
        200, fmt::format("{} no longer blocks or allows '{}' itself: the group's default applies.",
                         *group, *category));
  }
  return done(200, fmt::format("{} '{}' for {}.", blockedOrAllowed(**action), *category, *group));
}

// {"group", "category", "action": "allow"|"block", "days": "Mon-Fri", "from": "HH:MM",
//  "to": "HH:MM", "reason"}
ApiResponse addTimeRule(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body) return errorResponse(400, "Give the group, category, days, times and the reason.");
  auto group = groupFrom(ctx, *body);
  if (!group) return changeFailed(group.status(), "The groups cannot be read");
  auto category = categoryFrom(ctx, *body);
  if (!category) return changeFailed(category.status(), "The categories cannot be read");
  auto action = actionFrom(*body, false);
  if (!action) return errorResponse(400, action.status().message());
  std::string days_text = stringField(*body, "days");
  auto days = policy::parseDays(days_text.empty() ? "Mon-Fri" : days_text);
  if (!days || *days == 0) {
    return errorResponse(400, "days: '" + days_text +
                                  "' is not a list of days (say Mon-Fri, Sat,Sun or every day).");
  }
  std::string from_text = stringField(*body, "from");
  std::string to_text = stringField(*body, "to");
  auto from = policy::parseClockTime(from_text);
  if (!from || *from >= 24 * 60)
    return errorResponse(400, "from: give a time as HH:MM, such as 12:00.");
  auto to = policy::parseClockTime(to_text);
  if (!to) return errorResponse(400, "to: give a time as HH:MM, such as 13:00.");
  if (*from == *to)
    return errorResponse(400, "to: the rule must end at a different time from when it starts.");
  policy::TimeRule rule{*category, *days, *from, *to, **action, ""};
  Status s = adminFor(ctx).addTimeRule(*group, rule, session.email, stringField(*body, "reason"));
  if (!s.isOk()) return changeFailed(s, "The time rule cannot be saved");
  return done(201, fmt::format("Added a time rule for {}: {}.", *group, rule.describe()));
}

// {"group", "index" (the rule's place, from 0), "rule" (its wording, as the
// policy shows it), "reason"}
ApiResponse removeTimeRule(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body) return errorResponse(400, "Give the group, the rule and the reason.");
  auto group = groupFrom(ctx, *body);
  if (!group) return changeFailed(group.status(), "The groups cannot be read");
  std::optional<int64_t> index = intField(*body, "index");
  if (!index || *index < 0)
    return errorResponse(400, "index: say which of the group's time rules to remove.");
  std::string rule = stringField(*body, "rule");
  if (rule.empty())
    return errorResponse(400, "rule: give the rule's wording, as the policy shows it.");
  auto removed = adminFor(ctx).removeTimeRule(*group, static_cast<size_t>(*index), rule,
                                              session.email, stringField(*body, "reason"));
  if (!removed) return changeFailed(removed.status(), "The time rule cannot be removed");
  return done(200, fmt::format("Removed the time rule for {}: {}.", *group, removed->describe()));
}

// {"group", "action": "allow"|"block", "reason"}
ApiResponse setUncategorised(ApiContext& ctx, const ApiRequest& req,
                             const ConsoleSession& session) {
  auto body = jsonBody(req);
  if (!body) return errorResponse(400, "Give the group, allow or block, and the reason.");
  auto group = groupFrom(ctx, *body);
  if (!group) return changeFailed(group.status(), "The groups cannot be read");
  auto action = actionFrom(*body, false);
  if (!action) return errorResponse(400, action.status().message());
  Status s = adminFor(ctx).setUncategorised(*group, **action, session.email,
                                            stringField(*body, "reason"));
  if (!s.isOk()) return changeFailed(s, "The group cannot be saved");
  return done(200,
              fmt::format("{} sites in no category for {}.", blockedOrAllowed(**action), *group));
}

}  // namespace

void addPolicyEditRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  auto route = [&](const char* path,
                   ApiResponse (*fn)(ApiContext&, const ApiRequest&, const ConsoleSession&)) {
    router.add(
        "POST", path, Permission::kEditFilterPolicy,
        [&ctx, fn](const ApiRequest& req, const ConsoleSession* s) { return fn(ctx, req, *s); });
  };
  route("/api/v1/policy/entries", addEntry);
  route("/api/v1/policy/entries/remove", removeEntry);
  route("/api/v1/policy/group-category", setCategory);
  route("/api/v1/policy/time-rules", addTimeRule);
  route("/api/v1/policy/time-rules/remove", removeTimeRule);
  route("/api/v1/policy/uncategorised", setUncategorised);
}

}  // namespace esafety::console
