// The whole permission matrix, pinned: a change to who may do what must
// change this table too, in the same commit, where a reviewer sees it.
#include "identity/permissions.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace esafety::identity {
namespace {

// One row per role, one column per Permission, in enum order:
//  browse dash search export policy lists devices checkout people visitorpw
//  sanction readSG writeSG alerts inbox reports signoff audit settings schools mail classAlerts
//  raiseConcern
struct Row {
  Role role;
  std::string bits;  // 'x' allowed, '.' not
};
// clang-format off
const Row kExpected[] = {
    //                 bdseplvcpvsRWaiosgtmocr
    {Role::kPupil,    "x......................"},
    {Role::kTeacher,  "xxx....x......x......xx"},
    {Role::kDsl,      "xxxx...x..xxxxxx.x..x.x"},
    {Role::kHead,     "xxxxx..xx.xxxxxx.xx.x.x"},
    {Role::kItAdmin,  "xxxxxxxxxxx...xx.xx.x.x"},
    {Role::kGovernor, ".x.............xx......"},
    {Role::kOffice,   "x.......xx............x"},
    {Role::kVisitor,  "x......................"},
    {Role::kLaAdmin,  ".x..xx.........x.xxx..."},
    {Role::kDeputyDsl,"xxxx...x..xxxxxx.x..x.x"},
};
// clang-format on

TEST(PermissionsTest, TheWholeMatrix) {
  ASSERT_EQ(std::size(kExpected), kRoleCount);
  for (const Row& row : kExpected) {
    ASSERT_EQ(row.bits.size(), kPermissionCount);
    for (size_t p = 0; p < kPermissionCount; ++p) {
      auto permission = static_cast<Permission>(p);
      EXPECT_EQ(allowed(row.role, permission), row.bits[p] == 'x')
          << roleName(row.role) << " / " << permissionName(permission);
    }
  }
}

// The mail outbox shows who was mailed about alerts: the IT technician who
// runs the relay, the DSL, the deputy DSL and the head; nobody else.
TEST(PermissionsTest, TheMailOutboxIsForItTheDslsAndTheHead) {
  for (Role role : kAllRoles) {
    bool expected = role == Role::kDsl || role == Role::kDeputyDsl || role == Role::kHead ||
                    role == Role::kItAdmin;
    EXPECT_EQ(allowed(role, Permission::kViewMailOutbox), expected) << roleName(role);
  }
}

// A teacher may see their own class's alerts when the school turns that on;
// the DSL, the deputy and the head see every alert through handle_alerts.
TEST(PermissionsTest, OnlyTeachersHaveTheClassAlertsView) {
  for (Role role : kAllRoles) {
    EXPECT_EQ(allowed(role, Permission::kViewClassAlerts), role == Role::kTeacher)
        << roleName(role);
  }
}

TEST(PermissionsTest, OnlyTheDslItsDeputyAndHeadTouchSafeguardingRecords) {
  for (Role role : kAllRoles) {
    bool expected = role == Role::kDsl || role == Role::kDeputyDsl || role == Role::kHead;
    EXPECT_EQ(allowed(role, Permission::kReadSafeguardingRecords), expected) << roleName(role);
    EXPECT_EQ(allowed(role, Permission::kWriteSafeguardingRecords), expected) << roleName(role);
  }
}

TEST(PermissionsTest, GovernorsOnlyRead) {
  for (size_t p = 0; p < kPermissionCount; ++p) {
    auto permission = static_cast<Permission>(p);
    if (allowed(Role::kGovernor, permission)) {
      EXPECT_TRUE(isReadOnly(permission)) << permissionName(permission);
    }
  }
  EXPECT_TRUE(allowed(Role::kGovernor, Permission::kViewReports));
}

TEST(PermissionsTest, PupilsAndVisitorsDoNothingAdministrative) {
  for (Role role : {Role::kPupil, Role::kVisitor}) {
    for (size_t p = 0; p < kPermissionCount; ++p) {
      auto permission = static_cast<Permission>(p);
      EXPECT_EQ(allowed(role, permission), permission == Permission::kBrowseWeb)
          << roleName(role) << " / " << permissionName(permission);
    }
  }
}

TEST(PermissionsTest, EveryPermissionHasSomeoneAndANameAndRolesRoundTrip) {
  std::set<std::string_view> names;
  for (size_t p = 0; p < kPermissionCount; ++p) {
    auto permission = static_cast<Permission>(p);
    bool someone = false;
    for (Role role : kAllRoles) someone |= allowed(role, permission);
    EXPECT_TRUE(someone) << permissionName(permission);
    EXPECT_TRUE(names.insert(permissionName(permission)).second);
  }
  for (Role role : kAllRoles) EXPECT_EQ(parseRole(roleName(role)), role);
  EXPECT_EQ(parseRole("it-admin"), Role::kItAdmin);
  EXPECT_FALSE(parseRole("admin").has_value());
  // Out-of-range values are refused, not read past the table.
  EXPECT_FALSE(allowed(static_cast<Role>(200), Permission::kBrowseWeb));
  EXPECT_FALSE(allowed(Role::kHead, static_cast<Permission>(200)));
}

// The deputy DSL handles alerts, and has exactly the DSL's powers (issue 14).
TEST(PermissionsTest, TheDeputyDslHasTheDslsPowers) {
  EXPECT_TRUE(allowed(Role::kDeputyDsl, Permission::kHandleAlerts));
  for (size_t p = 0; p < kPermissionCount; ++p) {
    auto permission = static_cast<Permission>(p);
    EXPECT_EQ(allowed(Role::kDeputyDsl, permission), allowed(Role::kDsl, permission))
        << permissionName(permission);
  }
  EXPECT_EQ(parseRole("deputy_dsl"), Role::kDeputyDsl);
  EXPECT_EQ(parseRole("deputy-dsl"), Role::kDeputyDsl);
}

TEST(PermissionsTest, OnlyTheLocalAuthorityManagesSchools) {
  for (Role role : kAllRoles) {
    EXPECT_EQ(allowed(role, Permission::kManageSchools), role == Role::kLaAdmin) << roleName(role);
  }
}

}  // namespace
}  // namespace esafety::identity
