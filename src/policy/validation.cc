#include "policy/validation.h"

#include <fmt/format.h>

#include "policy/local_entries.h"

namespace esafety::policy {
namespace {

const CategoryDef* findCategory(const std::vector<CategoryDef>& categories, std::string_view name) {
  for (const auto& c : categories) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

Status refuseAllow(std::string_view who, const CategoryDef& c) {
  return permissionDenied(fmt::format(
      "{} cannot allow '{}': it holds illegal content (IWF/CTIRU lists) and nobody, including "
      "the system administrator, can allow it",
      who, c.name));
}

}  // namespace

Status validateGroup(const Group& group, const std::vector<CategoryDef>& categories) {
  if (group.name.empty()) return invalidArgument("the group needs a name");
  auto known = [&](const std::string& name, std::string_view use) -> Status {
    if (!findCategory(categories, name)) {
      return invalidArgument(
          fmt::format("group {} {} '{}', but there is no such category", group.name, use, name));
    }
    return Status::ok();
  };
  for (const auto& name : group.blocked_categories) ESAFETY_RETURN_IF_ERROR(known(name, "blocks"));
  for (const auto& name : group.allowed_categories) {
    ESAFETY_RETURN_IF_ERROR(known(name, "allows"));
    const CategoryDef* c = findCategory(categories, name);
    if (c->unoverridable || c->name == "illegal") {
      return refuseAllow(fmt::format("Group {}", group.name), *c);
    }
  }
  if (group.phrase_limit < 0 || group.phrase_limit > kMaxPhraseLimit) {
    return invalidArgument(fmt::format(
        "group {}: phrase_limit {} is out of range (0 for the default, or 1 to {})", group.name,
        group.phrase_limit, kMaxPhraseLimit));
  }
  if (group.block_search_level < 0 || group.block_search_level > 5) {
    return invalidArgument(fmt::format(
        "group {}: block_search_level {} is out of range (0 for never, or a risk level 1 to 5)",
        group.name, group.block_search_level));
  }
  for (const auto& rule : group.time_rules) {
    ESAFETY_RETURN_IF_ERROR(known(rule.category, "has a time rule for"));
    const CategoryDef* c = findCategory(categories, rule.category);
    if (rule.action == Action::kAllow && (c->unoverridable || c->name == "illegal")) {
      return refuseAllow(fmt::format("A time rule of group {}", group.name), *c);
    }
    if (rule.start_minute < 0 || rule.start_minute >= 24 * 60 || rule.end_minute < 0 ||
        rule.end_minute > 24 * 60 || rule.start_minute == rule.end_minute) {
      return invalidArgument(fmt::format("the time rule '{}' of group {} has an impossible time",
                                         rule.describe(), group.name));
    }
    if ((rule.days & 0x7F) == 0) {
      return invalidArgument(
          fmt::format("a time rule of group {} applies on no day of the week", group.name));
    }
  }
  return Status::ok();
}

Status validateLocalEntry(LocalEntry& entry, const Snapshot& current) {
  auto pattern = normalizePattern(entry.pattern);
  if (!pattern) {
    return invalidArgument(fmt::format("'{}' is not a site the filter can match: {}", entry.pattern,
                                       pattern.status().message()));
  }
  entry.pattern = *pattern;
  if (entry.reason.empty()) {
    return invalidArgument("a reason is required: the DfE standards ask schools to record why");
  }
  if (entry.added_by.empty()) return invalidArgument("say who is making this change");
  if (!entry.group.empty() && current.group(entry.group) == nullptr) {
    return invalidArgument(fmt::format("there is no group called '{}'", entry.group));
  }
  if (entry.action != Action::kAllow) return Status::ok();
  // An allow entry for a site in an unoverridable category is refused, even
  // though step 1 would block it anyway: the attempt itself must fail loudly.
  classify::Classification c;
  if (patternKind(entry.pattern) == classify::EntryKind::kCidr) {
    std::string address = entry.pattern.substr(0, entry.pattern.find('/'));
    auto url = classify::normalizeUrl(address);
    if (url) current.index().classifyUrl(*url, c);
  } else {
    auto url = classify::normalizeUrl(entry.pattern);
    if (url) current.index().classifyUrl(*url, c);
  }
  for (size_t i = 0; i < current.index().categoryCount(); ++i) {
    auto id = static_cast<classify::CategoryId>(i);
    if (c.has(id) && current.isUnoverridable(id)) {
      return permissionDenied(fmt::format(
          "{} is in the '{}' category, which holds illegal content; nobody, including the "
          "system administrator, can allow it",
          entry.pattern, current.index().categoryName(id)));
    }
  }
  return Status::ok();
}

Status validateCategoryChange(const CategoryDef* existing, const CategoryDef& updated) {
  if (existing && existing->unoverridable && !updated.unoverridable) {
    return permissionDenied(fmt::format(
        "'{}' holds illegal content and can never be made overridable", existing->name));
  }
  if (updated.name == "illegal" && !updated.unoverridable) {
    return permissionDenied("'illegal' holds illegal content and can never be made overridable");
  }
  if (updated.unoverridable && updated.allow_list) {
    return invalidArgument(
        fmt::format("'{}' cannot be both an allow-list and unoverridable", updated.name));
  }
  return Status::ok();
}

}  // namespace esafety::policy
