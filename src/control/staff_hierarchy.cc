#include "control/staff_hierarchy.h"

namespace esafety::control {

using identity::Role;

Status checkSanctionHierarchy(const std::optional<identity::Person>& actor,
                              const identity::Person& target, identity::SanctionKind kind) {
  if (actor && actor->id == target.id && kind == identity::SanctionKind::kDeactivate) {
    return permissionDenied("who: you cannot deactivate your own account; ask the head or the DSL");
  }
  if (target.kind == identity::PersonKind::kStaff && target.role == Role::kHead) {
    if (!actor || actor->kind != identity::PersonKind::kStaff || actor->role != Role::kGovernor) {
      return permissionDenied(
          "who: only the chair of governors can put a sanction on the head's account"
          " (from the command line, name them with --by)");
    }
  }
  return Status::ok();
}

}  // namespace esafety::control
