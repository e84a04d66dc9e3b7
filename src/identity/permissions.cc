#include "identity/permissions.h"

#include <bitset>

namespace esafety::identity {
namespace {

using P = Permission;
using Row = std::bitset<kPermissionCount>;

constexpr size_t bit(P p) {
  return static_cast<size_t>(p);
}

Row row(std::initializer_list<P> permissions) {
  Row r;
  for (P p : permissions) r.set(bit(p));
  return r;
}

// The matrix, one row per role. Read down a column in permissions_test.cc.
const std::array<Row, kRoleCount>& matrix() {
  static const std::array<Row, kRoleCount> kMatrix = [] {
    std::array<Row, kRoleCount> m;
    m[static_cast<size_t>(Role::kPupil)] = row({P::kBrowseWeb});
    m[static_cast<size_t>(Role::kVisitor)] = row({P::kBrowseWeb});
    m[static_cast<size_t>(Role::kTeacher)] =
        row({P::kBrowseWeb, P::kViewDashboard, P::kSearchActivity, P::kCheckOutDevices,
             P::kHandleInbox, P::kViewClassAlerts});
    m[static_cast<size_t>(Role::kDsl)] =
        row({P::kBrowseWeb, P::kViewDashboard, P::kSearchActivity, P::kExportActivity,
             P::kCheckOutDevices, P::kApplySanctions, P::kReadSafeguardingRecords,
             P::kWriteSafeguardingRecords, P::kHandleAlerts, P::kHandleInbox, P::kViewReports,
             P::kViewAuditLog, P::kViewMailOutbox});
    // The deputy DSL acts for the DSL when the DSL is away (the policy's
    // "designated person" and deputy): the same safeguarding powers, no more.
    m[static_cast<size_t>(Role::kDeputyDsl)] = m[static_cast<size_t>(Role::kDsl)];
    m[static_cast<size_t>(Role::kHead)] =
        row({P::kBrowseWeb, P::kViewDashboard, P::kSearchActivity, P::kExportActivity,
             P::kEditFilterPolicy, P::kCheckOutDevices, P::kManagePeople, P::kApplySanctions,
             P::kReadSafeguardingRecords, P::kWriteSafeguardingRecords, P::kHandleAlerts,
             P::kHandleInbox, P::kViewReports, P::kViewAuditLog, P::kManageSettings,
             P::kViewMailOutbox});
    m[static_cast<size_t>(Role::kItAdmin)] =
        row({P::kBrowseWeb, P::kViewDashboard, P::kSearchActivity, P::kExportActivity,
             P::kEditFilterPolicy, P::kManageLists, P::kManageDevices, P::kCheckOutDevices,
             P::kManagePeople, P::kRotateVisitorPassword, P::kApplySanctions, P::kHandleInbox,
             P::kViewAuditLog, P::kManageSettings, P::kViewMailOutbox,
             // The termly report and the evidence pack: the filter's figures and
             // configuration are the IT technician's to show governors too.
             P::kViewReports});
    m[static_cast<size_t>(Role::kGovernor)] =
        row({P::kViewDashboard, P::kViewReports, P::kSignOffReview});
    m[static_cast<size_t>(Role::kOffice)] =
        row({P::kBrowseWeb, P::kManagePeople, P::kRotateVisitorPassword});
    // Any member of staff in school raises a concern (KCSIE: everyone's
    // duty); governors and the local authority are not in the classroom.
    for (Role staff : {Role::kTeacher, Role::kDsl, Role::kDeputyDsl, Role::kHead, Role::kItAdmin,
                       Role::kOffice}) {
      m[static_cast<size_t>(staff)].set(bit(P::kRaiseConcern));
    }
    m[static_cast<size_t>(Role::kLaAdmin)] =
        row({P::kViewDashboard, P::kEditFilterPolicy, P::kManageLists, P::kViewReports,
             P::kViewAuditLog, P::kManageSettings, P::kManageSchools});
    return m;
  }();
  return kMatrix;
}

constexpr std::array<std::string_view, kPermissionCount> kNames = {"browse_web",
                                                                   "view_dashboard",
                                                                   "search_activity",
                                                                   "export_activity",
                                                                   "edit_filter_policy",
                                                                   "manage_lists",
                                                                   "manage_devices",
                                                                   "check_out_devices",
                                                                   "manage_people",
                                                                   "rotate_visitor_password",
                                                                   "apply_sanctions",
                                                                   "read_safeguarding_records",
                                                                   "write_safeguarding_records",
                                                                   "handle_alerts",
                                                                   "handle_inbox",
                                                                   "view_reports",
                                                                   "sign_off_review",
                                                                   "view_audit_log",
                                                                   "manage_settings",
                                                                   "manage_schools",
                                                                   "view_mail_outbox",
                                                                   "view_class_alerts",
                                                                   "raise_concern"};

}  // namespace

std::string_view permissionName(Permission permission) {
  return kNames[bit(permission)];
}

bool isReadOnly(Permission permission) {
  switch (permission) {
    case P::kViewDashboard:
    case P::kSearchActivity:
    case P::kReadSafeguardingRecords:
    case P::kViewReports:
    case P::kViewAuditLog:
    case P::kViewMailOutbox:
    case P::kViewClassAlerts:
    // Signing off the review records a governor's agreement; it changes nothing else.
    case P::kSignOffReview:
      return true;
    default:
      return false;
  }
}

bool allowed(Role role, Permission permission) {
  size_t r = static_cast<size_t>(role);
  size_t p = bit(permission);
  if (r >= kRoleCount || p >= kPermissionCount) return false;
  return matrix()[r].test(p);
}

}  // namespace esafety::identity
