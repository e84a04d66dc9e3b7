// Who may put a sanction on whom, among staff: the rule PeopleAdmin applies
// to every sanction, from the CLI and the console alike.
//
//   - Nobody deactivates their own account (a slip would lock them out, and
//     an intruder in someone's session could not hide by doing it).
//   - Only the chair of governors (the governor role: a school gives that
//     login to the chair) can deactivate or restrict the head, change the
//     head's role, or make someone head. The head cannot deactivate
//     themselves (the rule above), and neither can an IT or local-authority
//     admin, whose access the head answers for.
//   - Nobody changes their own role.
//
//   auto allowed = checkSanctionHierarchy(actor, target, SanctionKind::kDeactivate);
//   if (!allowed.isOk()) return allowed;   // kPermissionDenied, naming why
//
// `actor` is the person making the change when the actor names a login (the
// console's session, `esafety people sanction --by LOGIN`); nullopt when it
// names no one (the CLI's default, the server's user name). Pure.
#pragma once

#include <optional>

#include "core/status.h"
#include "identity/model.h"

namespace esafety::control {

Status checkSanctionHierarchy(const std::optional<identity::Person>& actor,
                              const identity::Person& target, identity::SanctionKind kind);
Status checkRoleChangeHierarchy(const std::optional<identity::Person>& actor,
                                const identity::Person& target, identity::Role role);

}  // namespace esafety::control
