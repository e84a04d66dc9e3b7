// The settings routes over a real store: the portal's session lengths are
// read with their defaults, changed as the signed-in member of staff (with an
// audit row), refused whole when any value is out of range, and closed to
// roles without the settings permission.
#include "console/api_test_fixture.h"
#include "identity/sign_in_settings.h"

namespace esafety::console {
namespace {

using identity::Role;
using nlohmann::json;

constexpr const char* kPath = "/api/v1/settings/sign-in-sessions";

class SettingsRoutesTest : public ConsoleApiTest {
 protected:
  identity::SessionLimits storedLimits() {
    std::vector<std::string> warnings;
    auto settings = identity::loadSignInSettings(*store_, school_, warnings);
    EXPECT_TRUE(settings) << settings.status().message();
    EXPECT_TRUE(warnings.empty());
    return settings ? settings->limits : identity::SessionLimits{};
  }
};

TEST_F(SettingsRoutesTest, SessionLengthsStartAtTheDefaults) {
  ApiResponse r = call("GET", kPath, sessionFor(Role::kHead));
  ASSERT_EQ(r.status, 200) << r.body;
  json body = json::parse(r.body);
  identity::SessionLimits defaults;
  EXPECT_EQ(body["year_group_minutes"], defaults.year_group_minutes);
  EXPECT_EQ(body["staff_minutes"], defaults.staff_minutes);
  EXPECT_EQ(body["visitor_minutes"], defaults.visitor_minutes);
}

TEST_F(SettingsRoutesTest, AChangeIsStoredAndAuditedAsTheMemberOfStaff) {
  const ConsoleSession& it = sessionFor(Role::kItAdmin);
  ApiResponse r = call("PUT", kPath, it, {{"year_group_minutes", 45}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["year_group_minutes"], 45);
  EXPECT_EQ(storedLimits().year_group_minutes, 45);
  EXPECT_EQ(storedLimits().staff_minutes, identity::SessionLimits{}.staff_minutes);

  auto audit = store_->audit(school_, 10);
  ASSERT_TRUE(audit);
  bool found = false;
  for (const auto& a : *audit) {
    if (a.action == "setting.set" && a.target == "identity.year_group_session_minutes") {
      found = true;
      EXPECT_EQ(a.actor, it.email);
      EXPECT_EQ(a.detail, "set to '45'");
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(SettingsRoutesTest, OneBadValueChangesNothing) {
  const ConsoleSession& head = sessionFor(Role::kHead);
  ApiResponse r = call("PUT", kPath, head, {{"year_group_minutes", 30}, {"staff_minutes", 3}});
  EXPECT_EQ(r.status, 400);
  json body = json::parse(r.body);
  EXPECT_EQ(body["field"], "staff_minutes");
  EXPECT_NE(body["error"].get<std::string>().find("5 to 1440 minutes"), std::string::npos);
  EXPECT_EQ(storedLimits().year_group_minutes, identity::SessionLimits{}.year_group_minutes);

  EXPECT_EQ(call("PUT", kPath, head, {{"visitor_minutes", "ninety"}}).status, 400);
  EXPECT_EQ(call("PUT", kPath, head, {{"visitor_minutes", 1441}}).status, 400);
  EXPECT_EQ(call("PUT", kPath, head, json::object()).status, 400);
  EXPECT_EQ(storedLimits().visitor_minutes, identity::SessionLimits{}.visitor_minutes);
}

TEST_F(SettingsRoutesTest, RolesWithoutTheSettingsPermissionAreRefused) {
  for (Role role : {Role::kTeacher, Role::kOffice, Role::kGovernor, Role::kDsl}) {
    EXPECT_EQ(call("GET", kPath, sessionFor(role)).status, 403);
    EXPECT_EQ(call("PUT", kPath, sessionFor(role), {{"staff_minutes", 60}}).status, 403);
  }
  EXPECT_EQ(storedLimits().staff_minutes, identity::SessionLimits{}.staff_minutes);
}

}  // namespace
}  // namespace esafety::console
