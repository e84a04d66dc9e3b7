// PolicyAdmin: the changes to a school's filtering policy, one function per
// change, shared by every front door: `esafety policy`, `esafety categories`
// and `esafety ca inspect` (app/), the console's Filter policy page
// (console/routes_policy_edit.cc). The front doors only turn their arguments
// into these calls and the results into words; the checks are here.
//
// Each change:
//   - checks its input, naming the field in the message ("reason: ...",
//     "pattern: ...", "group: ..."), and against the policy as it is now
//     (policy/validation.h), so an attempt to allow illegal content is
//     refused (kPermissionDenied) with a sentence that says so, whichever
//     door it comes through;
//   - needs a reason (reason.h), kept for the DfE annual review;
//   - is one store write, which keeps the change and its one audit row (who,
//     what, why) in one transaction: on any failure neither is stored. A
//     running `esafety serve` sees the new audit row and reloads within ~2 s.
//
// Thread safety: as the Store it borrows (SqliteStore serialises calls); one
// PolicyAdmin is cheap, so each request or command makes its own.
//
//   PolicyAdmin admin(store, kDefaultSchool, dir.indexPath());
//   auto entry = admin.addLocalEntry({.pattern = "games.example", .action = Action::kAllow,
//                                     .added_by = "head", .reason = "Lunchtime club"});
//   Status s = admin.setTlsInspection("KS2", true, "it.technician", "Phrase scanning for KS2");
//
// A new kind of policy change (a new wave's setting on a group) is one more
// function here, its test in policy_admin_test.cc, and a call from each door.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "policy/model.h"
#include "store/store.h"

namespace esafety::control {

// A group's page scanning (weighted phrases): on or off, and optionally its
// limit (0: the default) and the risk level from which searches are blocked
// (1-5; 0: never). Unset optionals keep the group's current values.
struct PageScanning {
  bool on = false;
  std::optional<int32_t> limit;
  std::optional<int32_t> block_search_level;
};

class PolicyAdmin {
 public:
  PolicyAdmin(store::Store& store, policy::SchoolId school, std::string index_path)
      : store_(store), school_(school), index_path_(std::move(index_path)) {}

  // --- The school's own allow and deny entries ---------------------------------
  // Checks the reason, the site (normalised: "HTTP://X.example/" -> "x.example"),
  // the group (empty: every group) and that an allow entry does not touch
  // illegal content; stores it and returns it as stored, with its id.
  Result<policy::LocalEntry> addLocalEntry(policy::LocalEntry entry);
  // Takes an entry out of force (the store keeps it, with who and why).
  // Returns the entry as it was; kNotFound for an entry not in force.
  Result<policy::LocalEntry> removeLocalEntry(int64_t id, std::string_view actor,
                                              std::string_view reason);

  // --- A group's rules ------------------------------------------------------------
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
  // TLS inspection for a group's HTTPS. The caller turning it on checks
  // first that the school's CA exists (tls/certificate_authority.h): the
  // proxy cannot inspect without it.
  Status setTlsInspection(std::string_view group, bool on, std::string_view actor,
                          std::string_view reason);
  // Page scanning for a group; returns the group as saved.
  Result<policy::Group> setPageScanning(std::string_view group, const PageScanning& scanning,
                                        std::string_view actor, std::string_view reason);

  // --- Categories -------------------------------------------------------------------
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
