#include "alerts/rules.h"

#include <set>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace esafety::alerts {
namespace {

constexpr std::string_view kKindNames[] = {"tag", "blocked-category", "repeated-blocks", "score",
                                           "tell-teacher"};

std::optional<MatchKind> parseMatchKind(std::string_view name) {
  for (size_t i = 0; i < std::size(kKindNames); ++i) {
    if (kKindNames[i] == name) return static_cast<MatchKind>(i);
  }
  return std::nullopt;
}

Status errorAt(const toml::node& node, std::string_view what) {
  return invalidArgument(fmt::format("line {}: {}", node.source().begin.line, what));
}

Result<int64_t> wholeNumber(const toml::node& node, std::string_view key, int64_t min, int64_t max) {
  auto v = node.value<int64_t>();
  if (!v || *v < min || *v > max) {
    return errorAt(node, fmt::format("{} must be a whole number from {} to {}", key, min, max));
  }
  return *v;
}

Result<std::string> text(const toml::node& node, std::string_view key) {
  auto v = node.value<std::string>();
  if (!v || v->empty()) return errorAt(node, fmt::format("{} must be text in quotes", key));
  return *v;
}

Result<std::vector<std::string>> textList(const toml::node& node, std::string_view key) {
  const toml::array* a = node.as_array();
  if (a == nullptr || a->empty()) {
    return errorAt(node, fmt::format("{} must be a list like [\"self-harm\"]", key));
  }
  std::vector<std::string> out;
  for (const auto& item : *a) {
    auto v = text(item, key);
    if (!v) return v.status();
    out.push_back(*v);
  }
  return out;
}

Status readLevels(const toml::node& node, Rule& rule) {
  const toml::table* t = node.as_table();
  if (t == nullptr) return errorAt(node, "levels must be a table like { ks1 = 5, staff = 2 }");
  for (const auto& [band, value] : *t) {
    auto level = wholeNumber(value, fmt::format("levels.{}", band.str()), 1, 5);
    if (!level) return level.status();
    rule.levels[std::string(band.str())] = static_cast<int>(*level);
  }
  return Status::ok();
}

// One key of a [[rule]] table.
Status readRuleKey(std::string_view key, const toml::node& value, Rule& rule) {
  if (key == "name") {
    auto v = text(value, key);
    if (!v) return v.status();
    rule.name = *v;
  } else if (key == "match") {
    auto v = text(value, key);
    if (!v) return v.status();
    auto kind = parseMatchKind(*v);
    if (!kind) {
      return errorAt(value, fmt::format("match '{}' is not one of: tag, blocked-category, "
                                        "repeated-blocks, score, tell-teacher", *v));
    }
    rule.match = *kind;
  } else if (key == "tags" || key == "categories") {
    auto v = textList(value, key);
    if (!v) return v.status();
    (key == "tags" ? rule.tags : rule.categories) = *v;
  } else if (key == "category") {
    auto v = text(value, key);
    if (!v) return v.status();
    rule.category = *v;
  } else if (key == "level") {
    auto v = wholeNumber(value, key, 1, 5);
    if (!v) return v.status();
    rule.level = static_cast<int>(*v);
  } else if (key == "levels") {
    return readLevels(value, rule);
  } else if (key == "count") {
    auto v = wholeNumber(value, key, 2, 100000);
    if (!v) return v.status();
    rule.count = static_cast<int>(*v);
  } else if (key == "window_minutes") {
    auto v = wholeNumber(value, key, 1, 24 * 60);
    if (!v) return v.status();
    rule.window_ms = *v * 60 * 1000;
  } else if (key == "threshold") {
    auto v = wholeNumber(value, key, 1, 1000000);
    if (!v) return v.status();
    rule.threshold = static_cast<int>(*v);
  } else {
    return errorAt(value, fmt::format("'{}' is not a rule setting", key));
  }
  return Status::ok();
}

// What each kind of rule needs.
Status checkRule(const toml::node& node, const Rule& rule) {
  if (rule.name.empty()) return errorAt(node, "a rule needs a name");
  switch (rule.match) {
    case MatchKind::kTag:
      if (rule.tags.empty()) return errorAt(node, fmt::format("rule '{}' needs tags", rule.name));
      break;
    case MatchKind::kBlockedCategory:
      if (rule.categories.empty()) {
        return errorAt(node, fmt::format("rule '{}' needs categories", rule.name));
      }
      break;
    case MatchKind::kRepeatedBlocks:
      if (rule.count == 0 || rule.window_ms == 0) {
        return errorAt(node, fmt::format("rule '{}' needs count and window_minutes", rule.name));
      }
      break;
    case MatchKind::kScore:
    case MatchKind::kTellTeacher:
      break;
  }
  return Status::ok();
}

Result<Rule> readRule(const toml::node& node) {
  const toml::table* t = node.as_table();
  if (t == nullptr) return errorAt(node, "each [[rule]] must be a table");
  Rule rule;
  rule.line = static_cast<int>(node.source().begin.line);
  bool has_match = false;
  for (const auto& [key, value] : *t) {
    ESAFETY_RETURN_IF_ERROR(readRuleKey(key.str(), value, rule));
    has_match |= key.str() == "match";
  }
  if (!has_match) return errorAt(node, fmt::format("rule '{}' needs match", rule.name));
  ESAFETY_RETURN_IF_ERROR(checkRule(node, rule));
  return rule;
}

Status readTopKey(std::string_view key, const toml::node& value, RuleSet& set) {
  if (key == "episode_minutes") {
    auto v = wholeNumber(value, key, 1, 24 * 60);
    if (!v) return v.status();
    set.episode_ms = *v * 60 * 1000;
  } else if (key == "evidence_cap") {
    auto v = wholeNumber(value, key, 1, 10000);
    if (!v) return v.status();
    set.evidence_cap = *v;
  } else if (key == "bands") {
    const toml::table* t = value.as_table();
    if (t == nullptr) return errorAt(value, "[bands] must map group names to bands");
    for (const auto& [group, band] : *t) {
      auto v = text(band, fmt::format("bands.{}", group.str()));
      if (!v) return v.status();
      set.bands[std::string(group.str())] = *v;
    }
  } else if (key == "rule") {
    const toml::array* a = value.as_array();
    if (a == nullptr) return errorAt(value, "rules are written [[rule]]");
    std::set<std::string> names;
    for (const auto& item : *a) {
      auto rule = readRule(item);
      if (!rule) return rule.status();
      if (!names.insert(rule->name).second) {
        return errorAt(item, fmt::format("two rules are named '{}'", rule->name));
      }
      set.rules.push_back(std::move(*rule));
      if (set.rules.size() > kMaxRules) return errorAt(item, fmt::format("over {} rules", kMaxRules));
    }
  } else {
    return errorAt(value, fmt::format("'{}' is not a rules setting", key));
  }
  return Status::ok();
}

}  // namespace

std::string_view matchKindName(MatchKind kind) { return kKindNames[static_cast<size_t>(kind)]; }

int Rule::levelFor(std::string_view band) const {
  auto it = levels.find(std::string(band));
  return it != levels.end() ? it->second : level;
}

std::string RuleSet::bandOf(std::string_view group) const {
  auto it = bands.find(std::string(group));
  return it != bands.end() ? it->second : "other";
}

Result<RuleSet> parseRules(std::string_view text) {
  if (text.size() > kMaxRulesText) {
    return invalidArgument(fmt::format("the rules are over {} bytes", kMaxRulesText));
  }
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error& e) {
    return invalidArgument(fmt::format("line {}: {}", e.source().begin.line, e.description()));
  }
  RuleSet set;
  for (const auto& [key, value] : root) ESAFETY_RETURN_IF_ERROR(readTopKey(key.str(), value, set));
  if (set.rules.empty()) return invalidArgument("line 1: there are no [[rule]] tables");
  return set;
}

}  // namespace esafety::alerts
