// Changes to a school's filtering policy, checked before they are stored.
// Every change says who made it and why; the store audits it. The checks are
// the ones in policy/validation.h, run against the policy as it is now, so an
// attempt to allow illegal content is refused here, with a sentence that says
// so, whichever door it comes through (CLI, console API, config).
//
//   PolicyAdmin admin(store, kDefaultSchool, dir.indexPath());
//   auto entry = admin.addLocalEntry({.pattern = "games.example", .action = Action::kAllow,
//                                  .added_by = "head", .reason = "Lunchtime club"});
#pragma once

#include <optional>
#include <string>

#include "policy/model.h"
#include "store/store.h"

namespace esafety::control {

class PolicyAdmin {
 public:
  PolicyAdmin(store::Store& store, policy::SchoolId school, std::string index_path)
      : store_(store), school_(school), index_path_(std::move(index_path)) {}

  // Validates (normalising the pattern) and stores; returns the entry as
  // stored, with its id.
  Result<policy::LocalEntry> addLocalEntry(policy::LocalEntry entry);
  Status removeLocalEntry(int64_t id, std::string_view actor, std::string_view reason);

  // Sets how a group treats a category: block, allow, or (nullopt) neither.
  Status setGroupCategory(std::string_view group, std::string_view category,
                          std::optional<policy::Action> action, std::string_view actor,
                          std::string_view reason);
  Status addTimeRule(std::string_view group, const policy::TimeRule& rule, std::string_view actor,
                     std::string_view reason);
  // Removes the group's time rule at `index` (its place in Group::time_rules),
  // which must still read `expected` (TimeRule::describe()), so a rule that
  // moved since the caller looked is never removed by mistake
  // (kFailedPrecondition). Returns the rule removed.
  Result<policy::TimeRule> removeTimeRule(std::string_view group, size_t index,
                                          std::string_view expected, std::string_view actor,
                                          std::string_view reason);
  Status setUncategorised(std::string_view group, policy::Action action, std::string_view actor,
                          std::string_view reason);
  // Changes a category's flags; clearing `unoverridable` is always refused.
  Status setCategoryFlags(std::string_view category, bool unoverridable, bool allow_list,
                          std::string_view actor, std::string_view reason);

 private:
  Result<policy::Group> loadGroup(std::string_view name);
  Status saveValidated(const policy::Group& group, std::string_view actor, std::string_view reason);

  store::Store& store_;
  policy::SchoolId school_;
  std::string index_path_;
};

}  // namespace esafety::control
