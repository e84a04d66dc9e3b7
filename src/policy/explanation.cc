#include "policy/explanation.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "policy/safe_search.h"

namespace esafety::policy {
namespace {

std::string titleOf(const Snapshot& snap, std::string_view name) {
  const CategoryDef* def = snap.categoryDef(name);
  return def && !def->title.empty() ? def->title : std::string(name);
}

std::string targetText(const Target& target) {
  return target.url ? target.url->toString() : std::string(target.host);
}

std::string dateOf(int64_t unix_seconds) {
  return LocalTime::fromLocalEpochSeconds(unix_seconds).toString().substr(0, 10);
}

std::string reasonFor(const Explanation& e, const GroupPolicy& group) {
  const std::string& g = group.config.name;
  std::string cat = e.category ? e.category->title : "";
  switch (e.step) {
    case StepId::kIllegal:
      return fmt::format("This site is on the {} list. Nobody can unblock it.", cat);
    case StepId::kAccount:
      return "This account cannot browse until the sanction ends or the acceptable use policy is "
             "accepted.";
    default: break;
  }
  if (group.sanction.restricted && e.verdict == Verdict::kBlock &&
      (e.step == StepId::kCategory || e.step == StepId::kUncategorised)) {
    return "This account is restricted to the school's allowed sites until the sanction ends.";
  }
  switch (e.step) {
    case StepId::kIllegal:
    case StepId::kAccount: break;
    case StepId::kLocalDeny:
      return fmt::format("The school has blocked {}: {} ({}, {}).", e.local_entry->pattern,
                         e.local_entry->reason, e.local_entry->added_by,
                         dateOf(e.local_entry->added_at));
    case StepId::kLocalAllow:
      return fmt::format("The school has allowed {}: {} ({}, {}).", e.local_entry->pattern,
                         e.local_entry->reason, e.local_entry->added_by,
                         dateOf(e.local_entry->added_at));
    case StepId::kCategory:
      if (e.verdict == Verdict::kBlock) {
        if (e.time_rule) return fmt::format("{} blocks {} at this time ({}).", g, cat, *e.time_rule);
        if (group.config.allowed_categories.count(e.category ? e.category->name : "") == 0 &&
            group.config.blocked_categories.count(e.category ? e.category->name : "") == 0) {
          return fmt::format("{} only allows sites on its allow-list, and this site is not on it.",
                             g);
        }
        return fmt::format("{} blocks {}.", g, cat);
      }
      if (e.time_rule) return fmt::format("{} allows {} at this time ({}).", g, cat, *e.time_rule);
      return fmt::format("{} allows {}.", g, cat);
    case StepId::kUncategorised:
      if (group.config.allow_list_only) {
        return fmt::format("{} only allows sites on its allow-list, and this site is not on it.", g);
      }
      return fmt::format("This site is in no category, and {} blocks sites in no category.", g);
    case StepId::kSafeSearch:
      return fmt::format("Searches go to the safe version of the site ({}).",
                         e.rewrite_host.value_or(""));
    case StepId::kDefault:
      return fmt::format("Nothing in {}'s rules blocks this site.", g);
    case StepId::kContent:
    case StepId::kContentCut:
      return fmt::format("The page's own words scored over {}'s limit.", g);
    case StepId::kSearchTerm:
      return fmt::format("{} blocks searches for words on the school's monitoring lists.", g);
  }
  return "";
}

// Steps 1-8 with what each did, for a chain that ended at `decided`.
std::vector<std::pair<StepId, std::string>> chainSteps(StepId decided, Verdict verdict) {
  std::vector<std::pair<StepId, std::string>> steps;
  for (const auto& step : decisionSteps()) {
    std::string outcome;
    if (step.id == decided) {
      outcome = "decided";
    } else if (step.id == StepId::kSafeSearch && verdict == Verdict::kRewrite) {
      outcome = "rewrote";
    } else if (step.id < decided) {
      outcome = "passed";
    } else {
      outcome = "not reached";
    }
    steps.emplace_back(step.id, outcome);
  }
  return steps;
}

}  // namespace

Explanation explain(const Snapshot& snap, const GroupPolicy& group, const Target& target,
                    const LocalTime& time, const Decision& d, const DecisionScratch& scratch) {
  Explanation e;
  const auto& index = snap.index();
  e.target = targetText(target);
  e.group = group.config.name;
  e.time = time.toString();
  e.verdict = d.verdict;
  e.step = d.step;
  const auto& c = scratch.categories;
  for (size_t i = 0; i < index.categoryCount(); ++i) {
    auto id = static_cast<classify::CategoryId>(i);
    if (!c.has(id)) continue;
    std::string name(index.categoryName(id));
    e.all_categories.push_back({name, titleOf(snap, name), snap.isUnoverridable(id)});
  }
  if (d.category >= 0) {
    auto id = static_cast<classify::CategoryId>(d.category);
    std::string name(index.categoryName(id));
    e.category = Explanation::CategoryInfo{name, titleOf(snap, name), snap.isUnoverridable(id)};
    if (auto m = c.matchFor(id)) {
      e.match = Explanation::EntryInfo{m->entry, std::string(classify::entryKindName(m->kind)),
                                       std::string(index.sourceName(m->source)), m->line};
    }
  }
  if (d.local_entry >= 0 && static_cast<size_t>(d.local_entry) < snap.localEntries().size()) {
    e.local_entry = snap.localEntries()[static_cast<size_t>(d.local_entry)];
    if (auto m = scratch.local.matchFor(d.step == StepId::kLocalDeny ? 0 : 1)) {
      e.match = Explanation::EntryInfo{m->entry, std::string(classify::entryKindName(m->kind)),
                                       "local allow and deny entries",
                                       static_cast<uint32_t>(e.local_entry->id)};
    }
  }
  if (d.time_rule >= 0 && static_cast<size_t>(d.time_rule) < group.config.time_rules.size()) {
    e.time_rule = group.config.time_rules[static_cast<size_t>(d.time_rule)].describe();
  }
  if (d.verdict == Verdict::kRewrite) e.rewrite_host = std::string(d.rewrite_host);
  e.reason = reasonFor(e, group);
  if (d.verdict == Verdict::kRewrite && d.step != StepId::kSafeSearch) {
    e.reason += fmt::format(" Searches go to the safe version of the site ({}).", d.rewrite_host);
  }
  e.steps = chainSteps(d.step, d.verdict);
  return e;
}

Explanation explainFinding(const Snapshot& snap, const GroupPolicy& group, const Target& target,
                           const LocalTime& time, const Decision& d, const DecisionScratch& scratch,
                           const InspectionFinding& finding) {
  Explanation e = explain(snap, group, target, time, d, scratch);
  e.verdict = Verdict::kBlock;
  e.step = finding.step;
  e.rewrite_host.reset();
  if (!finding.category.empty()) {
    e.category = Explanation::CategoryInfo{finding.category, titleOf(snap, finding.category), false};
  }
  e.reason = finding.reason.empty() ? reasonFor(e, group) : finding.reason;
  if (!isInspectionStep(finding.step)) {
    // A check beside the chain that blocks as one of its steps (circumvention
    // as a category): the chain reads as if that step had decided.
    e.steps = chainSteps(finding.step, Verdict::kBlock);
    return e;
  }
  // In the order the proxy runs them: the request's words, then the page.
  static constexpr StepId kOrder[] = {StepId::kSearchTerm, StepId::kContent, StepId::kContentCut};
  bool reached = true;
  for (StepId id : kOrder) {
    bool decided = id == finding.step;
    e.steps.emplace_back(id, decided ? "decided" : reached ? "passed" : "not reached");
    if (decided) reached = false;
  }
  return e;
}

std::string Explanation::toText() const {
  std::string out;
  std::string verdict_text(verdictName(verdict));
  for (auto& ch : verdict_text) ch = static_cast<char>(std::toupper(ch));
  out += fmt::format("{} {}\n", verdict_text, target);
  out += fmt::format("  group:    {} at {}\n", group, time);
  out += fmt::format("  step:     {} {} ({})\n", static_cast<int>(step), stepInfo(step).name,
                     stepInfo(step).description);
  if (category) {
    out += fmt::format("  category: {} ({}){}\n", category->name, category->title,
                       category->unoverridable ? " [unoverridable]" : "");
  }
  if (match) {
    out += fmt::format("  entry:    {} ({}) from {}:{}\n", match->entry, match->kind, match->file,
                       match->line);
  }
  if (local_entry) {
    out += fmt::format("  local:    {} {} by {} because \"{}\"\n", actionName(local_entry->action),
                       local_entry->pattern, local_entry->added_by, local_entry->reason);
  }
  if (time_rule) out += fmt::format("  time:     {}\n", *time_rule);
  if (rewrite_host) out += fmt::format("  rewrite:  {}\n", *rewrite_host);
  if (all_categories.size() > 1 || (all_categories.size() == 1 && !category)) {
    std::string names;
    for (const auto& c : all_categories) names += (names.empty() ? "" : ", ") + c.name;
    out += fmt::format("  in:       {}\n", names);
  }
  out += fmt::format("  reason:   {}\n", reason);
  out += "  chain:   ";
  for (const auto& [id, outcome] : steps) {
    out += fmt::format(" {}:{}", stepInfo(id).name, outcome);
  }
  out += "\n";
  return out;
}

std::string Explanation::toJson() const {
  using nlohmann::json;
  auto category_json = [](const CategoryInfo& c) {
    return json{{"name", c.name}, {"title", c.title}, {"unoverridable", c.unoverridable}};
  };
  json j;
  j["target"] = target;
  j["group"] = group;
  j["time"] = time;
  j["verdict"] = verdictName(verdict);
  j["step"] = {{"id", static_cast<int>(step)}, {"name", stepInfo(step).name},
               {"description", stepInfo(step).description}};
  j["reason"] = reason;
  j["category"] = category ? category_json(*category) : json(nullptr);
  j["categories"] = json::array();
  for (const auto& c : all_categories) j["categories"].push_back(category_json(c));
  j["match"] = match ? json{{"entry", match->entry},
                            {"kind", match->kind},
                            {"file", match->file},
                            {"line", match->line}}
                     : json(nullptr);
  j["local_entry"] = local_entry ? json{{"id", local_entry->id},
                                        {"pattern", local_entry->pattern},
                                        {"action", actionName(local_entry->action)},
                                        {"added_by", local_entry->added_by},
                                        {"added_at", local_entry->added_at},
                                        {"reason", local_entry->reason}}
                                 : json(nullptr);
  j["time_rule"] = time_rule ? json(*time_rule) : json(nullptr);
  j["rewrite_host"] = rewrite_host ? json(*rewrite_host) : json(nullptr);
  j["steps"] = json::array();
  for (const auto& [id, outcome] : steps) {
    j["steps"].push_back({{"id", static_cast<int>(id)}, {"name", stepInfo(id).name},
                          {"outcome", outcome}});
  }
  return j.dump(2);
}

}  // namespace esafety::policy
