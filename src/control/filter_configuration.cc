#include "control/filter_configuration.h"

#include <limits>
#include <map>

#include <fmt/format.h>

#include "identity/local_times.h"

namespace esafety::control {
namespace {

// The newest audit row that changed each group ("group.create", "group.update").
Result<std::map<std::string, store::AuditEntry>> groupChanges(store::Store& store,
                                                              policy::SchoolId school) {
  std::map<std::string, store::AuditEntry> newest;
  ESAFETY_RETURN_IF_ERROR(store.forEachAuditBetween(
      school, 0, std::numeric_limits<int64_t>::max(), [&](const store::AuditEntry& e) {
        if (e.action == "group.create" || e.action == "group.update") newest[e.target] = e;
      }));
  return newest;
}

void addGroupRows(ReportTable& t, const policy::Group& g, const store::AuditEntry* why,
                  const Clock& clock) {
  const std::string by = why ? why->actor : "";
  const std::string when = why ? identity::formatLocal(clock, why->at) : "";
  const std::string reason = why ? why->reason : "";
  auto add = [&](std::string setting, std::string decision) {
    t.rows.push_back({g.name, std::move(setting), std::move(decision), by, when, reason});
  };
  for (const auto& c : g.blocked_categories) add("category " + c, "block");
  for (const auto& c : g.allowed_categories) add("category " + c, "allow");
  add("uncategorised sites", std::string(policy::actionName(g.uncategorised)));
  add("allow-list only", g.allow_list_only ? "yes" : "no");
  add("safe search", g.safe_search ? "on" : "off");
  add("HTTPS inspection", g.inspect_tls ? "on" : "off");
  add("page phrase scanning",
      g.inspect ? fmt::format("on, limit {}", policy::phraseLimitFor(g)) : "off");
  add("block searches at risk level",
      g.block_search_level == 0 ? "never" : std::to_string(g.block_search_level));
  for (const auto& rule : g.time_rules) add("time rule", rule.describe());
}

}  // namespace

Result<ReportTable> filterConfigurationTable(store::Store& store, policy::SchoolId school,
                                             const Clock& clock) {
  ReportTable t{.name = "filter-configuration", .title = "Filter configuration",
                .columns = {"group", "setting", "decision", "decided_by", "decided_at", "reason"}};
  auto groups = store.groups(school);
  if (!groups) return groups.status();
  auto changes = groupChanges(store, school);
  if (!changes) return changes.status();
  for (const auto& g : *groups) {
    auto it = changes->find(g.name);
    addGroupRows(t, g, it == changes->end() ? nullptr : &it->second, clock);
  }
  auto entries = store.localEntries(school);
  if (!entries) return entries.status();
  for (const auto& e : *entries) {
    t.rows.push_back({e.group.empty() ? "(every group)" : e.group, "local entry " + e.pattern,
                      std::string(policy::actionName(e.action)), e.added_by,
                      identity::formatLocal(clock, e.added_at), e.reason});
  }
  return t;
}

}  // namespace esafety::control
