// esafety policy show|allow|deny|remove|category|time-rule|uncategorised|scan
//
// Every change is control::PolicyAdmin's (the console's Filter policy page
// makes the same calls, with the same checks); this file turns the options
// into them and prints.
#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "app/cli_common.h"
#include "control/policy_admin.h"
#include "control/snapshot_loader.h"

namespace esafety::app {
namespace {

struct ChangeOptions {
  std::string site;
  std::string group;
  std::string category;
  std::string action;
  std::string reason;
  std::string by;
  std::string days = "Mon-Fri";
  std::string from, to;
  int64_t id = 0;
  std::optional<int32_t> limit;
  std::optional<int32_t> search_level;
};

template <typename Fn>
int withAdmin(const GlobalOptions& global, Fn&& fn) {
  return withStore(global, [&](store::Store& store, const control::DataDir& dir, Clock&) {
    control::PolicyAdmin admin(store, policy::kDefaultSchool, dir.indexPath());
    return fn(admin, store, dir);
  });
}

std::string actorOf(const ChangeOptions& o) { return o.by.empty() ? defaultActor() : o.by; }

int addEntry(const GlobalOptions& global, const ChangeOptions& o, policy::Action action) {
  return withAdmin(global, [&](control::PolicyAdmin& admin, store::Store&, const control::DataDir&) {
    policy::LocalEntry entry;
    entry.pattern = o.site;
    entry.group = o.group;
    entry.action = action;
    entry.added_by = actorOf(o);
    entry.reason = o.reason;
    auto stored = admin.addLocalEntry(entry);
    if (!stored) return fail(stored.status());
    std::printf("Entry %lld: %s %s for %s\n", static_cast<long long>(stored->id),
                action == policy::Action::kAllow ? "allow" : "block", stored->pattern.c_str(),
                o.group.empty() ? "every group" : o.group.c_str());
    return kExitOk;
  });
}

void printGroup(const policy::Group& g) {
  std::printf("%s%s\n", g.name.c_str(), g.description.empty() ? "" : (": " + g.description).c_str());
  auto join = [](const std::set<std::string>& s) {
    std::string out;
    for (const auto& x : s) out += (out.empty() ? "" : ", ") + x;
    return out.empty() ? std::string("(none)") : out;
  };
  std::printf("  blocks:        %s\n", join(g.blocked_categories).c_str());
  std::printf("  allows:        %s\n", join(g.allowed_categories).c_str());
  std::printf("  uncategorised: %s%s\n", policy::actionName(g.uncategorised).data(),
              g.allow_list_only ? " (allow-list only: everything else is blocked)" : "");
  std::printf("  safe search:   %s   TLS inspection: %s\n", g.safe_search ? "on" : "off",
              g.inspect_tls ? "on" : "off");
  if (g.inspect) {
    std::printf("  page scanning: on, blocking pages that score over %d\n", policy::phraseLimitFor(g));
  } else {
    std::printf("  page scanning: off\n");
  }
  if (g.block_search_level > 0) {
    std::printf("  searches:      blocked at risk level %d or higher\n", g.block_search_level);
  } else {
    std::printf("  searches:      logged, never blocked\n");
  }
  for (const auto& r : g.time_rules) std::printf("  time rule:     %s\n", r.describe().c_str());
}

int show(const GlobalOptions& global, const ChangeOptions& o) {
  return withAdmin(global, [&](control::PolicyAdmin&, store::Store& store, const control::DataDir& dir) {
    auto snapshot = control::loadSnapshot(store, policy::kDefaultSchool, dir.indexPath());
    if (!snapshot) return fail(snapshot.status());
    bool found = false;
    for (const auto& g : (*snapshot)->groups()) {
      if (!o.group.empty() && (*snapshot)->group(o.group) != &g) continue;
      printGroup(g.config);
      found = true;
    }
    if (!found) return fail(notFound(fmt::format("there is no group called '{}'", o.group)));
    std::printf("\nThe school's own entries:\n");
    for (const auto& e : (*snapshot)->localEntries()) {
      if (!o.group.empty() && !e.group.empty() && e.group != (*snapshot)->group(o.group)->config.name) {
        continue;
      }
      std::printf("  %-4lld %-5s %-32s %-12s by %s: %s\n", static_cast<long long>(e.id),
                  policy::actionName(e.action).data(), e.pattern.c_str(),
                  e.group.empty() ? "(all groups)" : e.group.c_str(), e.added_by.c_str(),
                  e.reason.c_str());
    }
    std::printf("\nDecision steps, in order:\n");
    for (const auto& step : policy::decisionSteps()) {
      std::printf("  %d %-14s %s\n", static_cast<int>(step.id), step.name.data(),
                  step.description.data());
    }
    for (const auto& w : (*snapshot)->warnings()) std::printf("warning: %s\n", w.c_str());
    return kExitOk;
  });
}

// esafety policy scan GROUP on|off [--limit N] [--block-searches LEVEL]
int setScanning(const GlobalOptions& global, const ChangeOptions& o) {
  return withAdmin(global, [&](control::PolicyAdmin& admin, store::Store&, const control::DataDir&) {
    auto changed = admin.setPageScanning(
        o.group, {.on = o.action == "on", .limit = o.limit, .block_search_level = o.search_level},
        actorOf(o), o.reason);
    if (!changed) return fail(changed.status());
    printGroup(*changed);
    std::printf("(a running esafety serve picks this up within seconds; HTTPS pages are scanned only "
                "where TLS inspection is on: esafety ca inspect)\n");
    return kExitOk;
  });
}

void addReasonAndBy(CLI::App* cmd, ChangeOptions& o) {
  cmd->add_option("--reason", o.reason, "Why (recorded for the DfE annual review)")->required();
  cmd->add_option("--by", o.by, "Who is making the change (default: your login name)");
}

}  // namespace

void addPolicyCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto* policy_cmd = app.add_subcommand("policy", "The school's filtering rules");
  policy_cmd->require_subcommand(1);
  auto o = std::make_shared<ChangeOptions>();

  auto* show_cmd = policy_cmd->add_subcommand("show", "Groups, their rules and the school's entries");
  show_cmd->add_option("--group", o->group, "Only this group");
  show_cmd->callback([&global, o, &run] { run = [&global, o] { return show(global, *o); }; });

  // Not a structured binding: clang 14 (the thread-safety build) cannot
  // capture one in a lambda.
  for (const auto& verb : {std::pair{"allow", policy::Action::kAllow},
                           std::pair{"deny", policy::Action::kBlock}}) {
    const char* name = verb.first;
    const policy::Action action = verb.second;
    auto* cmd = policy_cmd->add_subcommand(
        name, action == policy::Action::kAllow ? "Allow a site (never illegal content)"
                                               : "Block a site");
    cmd->add_option("site", o->site, "example.com, example.com/path or 192.0.2.0/24")->required();
    cmd->add_option("--group", o->group, "Only for this group (default: every group)");
    addReasonAndBy(cmd, *o);
    cmd->callback([&global, o, &run, action] {
      run = [&global, o, action] { return addEntry(global, *o, action); };
    });
  }

  auto* remove = policy_cmd->add_subcommand("remove", "Remove one of the school's own entries");
  remove->add_option("id", o->id, "The entry's number (see policy show)")->required();
  addReasonAndBy(remove, *o);
  remove->callback([&global, o, &run] {
    run = [&global, o] {
      return withAdmin(global, [&](control::PolicyAdmin& admin, store::Store&, const control::DataDir&) {
        auto removed = admin.removeLocalEntry(o->id, actorOf(*o), o->reason);
        if (!removed) return fail(removed.status());
        std::printf("Removed entry %lld (%s %s for %s)\n", static_cast<long long>(o->id),
                    policy::actionName(removed->action).data(), removed->pattern.c_str(),
                    removed->group.empty() ? "every group" : removed->group.c_str());
        return kExitOk;
      });
    };
  });

  auto* category = policy_cmd->add_subcommand("category", "Block or allow a category for a group");
  category->add_option("group", o->group)->required();
  category->add_option("category", o->category)->required();
  category->add_option("action", o->action, "block, allow or none")
      ->required()
      ->check(CLI::IsMember({"block", "allow", "none"}));
  addReasonAndBy(category, *o);
  category->callback([&global, o, &run] {
    run = [&global, o] {
      return withAdmin(global, [&](control::PolicyAdmin& admin, store::Store&, const control::DataDir&) {
        std::optional<policy::Action> action = policy::parseAction(o->action);
        Status s = admin.setGroupCategory(o->group, o->category, action, actorOf(*o), o->reason);
        if (!s.isOk()) return fail(s);
        std::printf("%s now %s %s\n", o->group.c_str(),
                    o->action == "none" ? "neither blocks nor allows"
                                        : (o->action + "s").c_str(),
                    o->category.c_str());
        return kExitOk;
      });
    };
  });

  auto* time_rule = policy_cmd->add_subcommand(
      "time-rule", "Allow or block a category at set times, e.g. games at lunch");
  time_rule->add_option("group", o->group)->required();
  time_rule->add_option("category", o->category)->required();
  time_rule->add_option("action", o->action, "allow or block")
      ->required()
      ->check(CLI::IsMember({"block", "allow"}));
  time_rule->add_option("--days", o->days, "e.g. Mon-Fri, Sat,Sun, every day")->capture_default_str();
  time_rule->add_option("--from", o->from, "HH:MM")->required();
  time_rule->add_option("--to", o->to, "HH:MM")->required();
  addReasonAndBy(time_rule, *o);
  time_rule->callback([&global, o, &run] {
    run = [&global, o] {
      auto days = policy::parseDays(o->days);
      auto from = policy::parseClockTime(o->from);
      auto to = policy::parseClockTime(o->to);
      if (!days) return fail(invalidArgument(fmt::format("'{}' is not a list of days", o->days)));
      if (!from || !to) {
        return fail(invalidArgument(fmt::format("times must be HH:MM, not '{}' and '{}'", o->from, o->to)));
      }
      policy::TimeRule rule{o->category, *days, *from, *to, *policy::parseAction(o->action), ""};
      return withAdmin(global, [&](control::PolicyAdmin& admin, store::Store&, const control::DataDir&) {
        Status s = admin.addTimeRule(o->group, rule, actorOf(*o), o->reason);
        if (!s.isOk()) return fail(s);
        std::printf("%s: %s\n", o->group.c_str(), rule.describe().c_str());
        return kExitOk;
      });
    };
  });

  auto* scan = policy_cmd->add_subcommand(
      "scan", "Turn page scanning (weighted phrases) on or off for a group, with its limit");
  scan->add_option("group", o->group)->required();
  scan->add_option("state", o->action, "on or off")->required()->check(CLI::IsMember({"on", "off"}));
  scan->add_option("--limit", o->limit,
                   "Block pages that score over this (0: the default, 50 for pupils, 160 otherwise)")
      ->check(CLI::Range(0, 100000));
  scan->add_option("--block-searches", o->search_level,
                   "Block searches matching a monitoring phrase of this risk level or higher (1-5; 0: never)")
      ->check(CLI::Range(0, 5));
  addReasonAndBy(scan, *o);
  scan->callback([&global, o, &run] { run = [&global, o] { return setScanning(global, *o); }; });

  auto* uncategorised = policy_cmd->add_subcommand(
      "uncategorised", "Allow or block sites that are in no category, for a group");
  uncategorised->add_option("group", o->group)->required();
  uncategorised->add_option("action", o->action, "allow or block")
      ->required()
      ->check(CLI::IsMember({"block", "allow"}));
  addReasonAndBy(uncategorised, *o);
  uncategorised->callback([&global, o, &run] {
    run = [&global, o] {
      return withAdmin(global, [&](control::PolicyAdmin& admin, store::Store&, const control::DataDir&) {
        Status s = admin.setUncategorised(o->group, *policy::parseAction(o->action), actorOf(*o),
                                          o->reason);
        if (!s.isOk()) return fail(s);
        std::printf("%s now %ss sites in no category\n", o->group.c_str(), o->action.c_str());
        return kExitOk;
      });
    };
  });
}

}  // namespace esafety::app
