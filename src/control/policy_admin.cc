#include "control/policy_admin.h"

#include <fmt/format.h>

#include <algorithm>

#include "control/reason.h"
#include "control/snapshot_loader.h"
#include "policy/local_entries.h"
#include "policy/validation.h"

namespace esafety::control {

Result<policy::LocalEntry> PolicyAdmin::addLocalEntry(policy::LocalEntry entry) {
  ESAFETY_RETURN_IF_ERROR(requireReason(entry.reason));
  if (entry.pattern.find_first_not_of(' ') == std::string::npos) {
    return invalidArgument("pattern: give a web address or a site, such as example.com.");
  }
  auto pattern = policy::normalizePattern(entry.pattern);
  if (!pattern) {
    return invalidArgument(fmt::format("pattern: '{}' is not a site the filter can match: {}",
                                       entry.pattern, pattern.status().message()));
  }
  entry.pattern = *pattern;
  if (!entry.group.empty()) {
    auto group = store_.group(school_, entry.group);
    if (!group) return group.status();
    if (!*group) {
      return invalidArgument(fmt::format("group: there is no group called '{}'.", entry.group));
    }
  }
  auto snapshot = loadSnapshot(store_, school_, index_path_);
  if (!snapshot) return snapshot.status();
  ESAFETY_RETURN_IF_ERROR(policy::validateLocalEntry(entry, **snapshot));
  auto id = store_.addLocalEntry(school_, entry);
  if (!id) return id.status();
  entry.id = *id;
  return entry;
}

Result<policy::LocalEntry> PolicyAdmin::removeLocalEntry(int64_t id, std::string_view actor,
                                                         std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(requireReason(reason));
  auto entries = store_.localEntries(school_);
  if (!entries) return entries.status();
  auto it = std::find_if(entries->begin(), entries->end(),
                         [&](const policy::LocalEntry& e) { return e.id == id; });
  if (it == entries->end()) {
    return notFound(
        fmt::format("there is no entry {} in force; it may have been removed already.", id));
  }
  ESAFETY_RETURN_IF_ERROR(store_.removeLocalEntry(school_, id, actor, reason));
  return std::move(*it);
}

Result<policy::Group> PolicyAdmin::loadGroup(std::string_view name) {
  auto group = store_.group(school_, name);
  if (!group) return group.status();
  if (!*group) return notFound(fmt::format("there is no group called '{}'", name));
  return std::move(**group);
}

Status PolicyAdmin::saveValidated(const policy::Group& group, std::string_view actor,
                                  std::string_view reason) {
  auto categories = store_.categories(school_);
  if (!categories) return categories.status();
  ESAFETY_RETURN_IF_ERROR(policy::validateGroup(group, *categories));
  return store_.saveGroup(school_, group, actor, reason);
}

Status PolicyAdmin::setGroupCategory(std::string_view group_name, std::string_view category,
                                     std::optional<policy::Action> action, std::string_view actor,
                                     std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(requireReason(reason));
  auto group = loadGroup(group_name);
  if (!group) return group.status();
  std::string name(category);
  group->blocked_categories.erase(name);
  group->allowed_categories.erase(name);
  if (action == policy::Action::kBlock) group->blocked_categories.insert(name);
  if (action == policy::Action::kAllow) group->allowed_categories.insert(name);
  return saveValidated(*group, actor, reason);
}

Status PolicyAdmin::addTimeRule(std::string_view group_name, const policy::TimeRule& rule,
                                std::string_view actor, std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(requireReason(reason));
  auto group = loadGroup(group_name);
  if (!group) return group.status();
  group->time_rules.push_back(rule);
  return saveValidated(*group, actor, reason);
}

Result<policy::TimeRule> PolicyAdmin::removeTimeRule(std::string_view group_name, size_t index,
                                                     std::string_view expected,
                                                     std::string_view actor,
                                                     std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(requireReason(reason));
  auto group = loadGroup(group_name);
  if (!group) return group.status();
  if (index >= group->time_rules.size() || group->time_rules[index].describe() != expected) {
    return failedPrecondition(fmt::format(
        "group {} has no time rule '{}' at place {} now; the rules may have changed, so look "
        "again",
        group->name, expected, index + 1));
  }
  policy::TimeRule removed = group->time_rules[index];
  group->time_rules.erase(group->time_rules.begin() + static_cast<std::ptrdiff_t>(index));
  ESAFETY_RETURN_IF_ERROR(saveValidated(*group, actor, reason));
  return removed;
}

Status PolicyAdmin::setUncategorised(std::string_view group_name, policy::Action action,
                                     std::string_view actor, std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(requireReason(reason));
  auto group = loadGroup(group_name);
  if (!group) return group.status();
  group->uncategorised = action;
  return saveValidated(*group, actor, reason);
}

Status PolicyAdmin::setTlsInspection(std::string_view group_name, bool on, std::string_view actor,
                                     std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(requireReason(reason));
  auto group = loadGroup(group_name);
  if (!group) return group.status();
  group->inspect_tls = on;
  return saveValidated(*group, actor, reason);
}

Result<policy::Group> PolicyAdmin::setPageScanning(std::string_view group_name,
                                                   const PageScanning& scanning,
                                                   std::string_view actor,
                                                   std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(requireReason(reason));
  auto group = loadGroup(group_name);
  if (!group) return group.status();
  group->inspect = scanning.on;
  if (scanning.limit) group->phrase_limit = *scanning.limit;
  if (scanning.block_search_level) group->block_search_level = *scanning.block_search_level;
  ESAFETY_RETURN_IF_ERROR(saveValidated(*group, actor, reason));
  return group;
}

Status PolicyAdmin::setCategoryFlags(std::string_view category, bool unoverridable, bool allow_list,
                                     std::string_view actor, std::string_view reason) {
  ESAFETY_RETURN_IF_ERROR(requireReason(reason));
  auto existing = store_.category(school_, category);
  if (!existing) return existing.status();
  if (!*existing) return notFound(fmt::format("there is no category called '{}'", category));
  policy::CategoryDef updated = **existing;
  updated.unoverridable = unoverridable;
  updated.allow_list = allow_list;
  ESAFETY_RETURN_IF_ERROR(policy::validateCategoryChange(&**existing, updated));
  return store_.upsertCategory(school_, updated, actor, reason);
}

}  // namespace esafety::control
