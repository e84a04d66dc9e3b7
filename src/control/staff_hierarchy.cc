#include "control/staff_hierarchy.h"

namespace esafety::control {

using identity::Role;

namespace {

bool isChairOfGovernors(const std::optional<identity::Person>& actor) {
  return actor && actor->kind == identity::PersonKind::kStaff && actor->role == Role::kGovernor;
}

}  // namespace

Status checkSanctionHierarchy(const std::optional<identity::Person>& actor,
                              const identity::Person& target, identity::SanctionKind kind) {
  if (actor && actor->id == target.id && kind == identity::SanctionKind::kDeactivate) {
    return permissionDenied("who: you cannot deactivate your own account; ask the head or the DSL");
  }
  if (target.kind == identity::PersonKind::kStaff && target.role == Role::kHead) {
    if (!isChairOfGovernors(actor)) {
      return permissionDenied(
          "who: only the chair of governors can put a sanction on the head's account"
          " (from the command line, name them with --by)");
    }
  }
  return Status::ok();
}

Status checkRoleChangeHierarchy(const std::optional<identity::Person>& actor,
                                const identity::Person& target, identity::Role role) {
  if (actor && actor->id == target.id) {
    return permissionDenied("login: you cannot change your own role; ask the head");
  }
  if ((target.role == Role::kHead || role == Role::kHead) && !isChairOfGovernors(actor)) {
    return permissionDenied(
        "login: only the chair of governors can change the head's role or make someone head"
        " (from the command line, name them with --by)");
  }
  return Status::ok();
}

}  // namespace esafety::control
