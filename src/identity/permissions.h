// The one permission matrix (DESIGN.md §6): what each role may do. Every
// console route and every CLI command that acts for a person names the
// Permission it needs and asks allowed(); nothing else decides.
//
//   if (!allowed(session.role, Permission::kReadSafeguardingRecords)) return forbidden();
//
// The whole matrix is pinned by permissions_test.cc, row by row, together
// with the rules it must keep (only the DSL and the head read safeguarding
// records; governors only read; pupils and visitors do nothing administrative).
// Thread safety: pure functions over constant data.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "identity/role.h"

namespace esafety::identity {

enum class Permission : uint8_t {
  kBrowseWeb,                // use the school network through the filter
  kViewDashboard,            // today's traffic, blocks by category
  kSearchActivity,           // the activity log: who visited what
  kExportActivity,           // CSV export of the activity log
  kEditFilterPolicy,         // groups, categories, local allow and deny entries
  kManageLists,              // import and compile category lists
  kManageDevices,            // the device registry
  kCheckOutDevices,          // lend a device to a pupil for a lesson
  kManagePeople,             // pupils (MIS import), staff accounts, contacts
  kRotateVisitorPassword,    // the visitor login's password
  kApplySanctions,           // deactivate or restrict an account
  kReadSafeguardingRecords,  // incident records and chronologies
  kWriteSafeguardingRecords,
  kHandleAlerts,   // acknowledge and escalate monitoring alerts
  kHandleInbox,    // "Tell a teacher" and "Ask for this site to be checked"
  kViewReports,    // termly and annual e-safety reports
  kSignOffReview,  // governors sign off the annual review
  kViewAuditLog,
  kManageSettings,  // the school's settings
  kManageSchools,   // add and configure schools (local authority)
  kViewMailOutbox,  // the mail outbox: what waits, what fails and why, what went
  // A teacher's own class's alerts, read only, when the school turns that
  // on (the rota's teachers_see_own_class; control/class_alerts.h).
  kViewClassAlerts,
  // Raise a safeguarding concern (issue 15): any member of staff. Raising
  // never lets them read it back (control/record_access.h).
  kRaiseConcern,
};
inline constexpr size_t kPermissionCount = 23;

// "browse_web", "read_safeguarding_records", ...
std::string_view permissionName(Permission permission);
// True for permissions that only read (governors may hold no others).
bool isReadOnly(Permission permission);

// True when `role` may do `permission`.
bool allowed(Role role, Permission permission);

}  // namespace esafety::identity
