// The settings routes over a real store: the sign-in settings (networks,
// unknown devices, groups, session lengths) are read with their defaults,
// changed as the signed-in member of staff (with an audit row), refused whole
// when any value is wrong (the field named), and closed to roles without the
// settings permission.
#include "console/api_test_fixture.h"
#include "identity/sign_in_settings.h"

namespace esafety::console {
namespace {

using identity::Role;
using nlohmann::json;

constexpr const char* kPath = "/api/v1/settings/sign-in";

class SettingsRoutesTest : public ConsoleApiTest {
 protected:
  void SetUp() override {
    ConsoleApiTest::SetUp();
    for (const char* g : {"Staff", "Visitor", "Supply staff"}) {
      ESAFETY_ASSERT_OK(store_->saveGroup(school_, {.name = g}, "a", "r"));
    }
  }
  identity::SignInSettings stored() {
    std::vector<std::string> warnings;
    auto settings = identity::loadSignInSettings(*store_, school_, warnings);
    EXPECT_TRUE(settings) << settings.status().message();
    EXPECT_TRUE(warnings.empty());
    return settings ? *settings : identity::SignInSettings{};
  }
  identity::SessionLimits storedLimits() { return stored().limits; }
};

TEST_F(SettingsRoutesTest, EverySettingStartsAtItsDefault) {
  ApiResponse r = call("GET", kPath, sessionFor(Role::kHead));
  ASSERT_EQ(r.status, 200) << r.body;
  json body = json::parse(r.body);
  identity::SignInSettings defaults;
  EXPECT_EQ(body["year_group_minutes"], defaults.limits.year_group_minutes);
  EXPECT_EQ(body["staff_minutes"], defaults.limits.staff_minutes);
  EXPECT_EQ(body["visitor_minutes"], defaults.limits.visitor_minutes);
  EXPECT_EQ(body["sign_in_networks"], json::array());
  EXPECT_EQ(body["unknown_devices"], "portal");
  EXPECT_EQ(body["pupils_on_unknown_devices"], false);
  EXPECT_EQ(body["staff_group"], defaults.staff_group);
  EXPECT_EQ(body["visitor_group"], defaults.visitor_group);
  EXPECT_EQ(body["groups"], json::array({"Staff", "Supply staff", "Visitor"}));
}

TEST_F(SettingsRoutesTest, NetworksGroupsAndChoicesAreStoredInTheirOwnForms) {
  ApiResponse r = call("PUT", kPath, sessionFor(Role::kItAdmin),
                       {{"sign_in_networks", {"10.20.8.0/24", "10.20.9.0/24"}},
                        {"proxy_auth_networks", "10.20.30.0/24"},
                        {"unknown_devices", "group"},
                        {"pupils_on_unknown_devices", true},
                        {"staff_group", "Supply staff"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["sign_in_networks"], json::array({"10.20.8.0/24", "10.20.9.0/24"}));
  identity::SignInSettings s = stored();
  EXPECT_EQ(s.sign_in_networks, (std::vector<std::string>{"10.20.8.0/24", "10.20.9.0/24"}));
  EXPECT_EQ(s.proxy_auth_networks, (std::vector<std::string>{"10.20.30.0/24"}));
  EXPECT_EQ(s.unknown_devices, identity::UnknownDevices::kGroup);
  EXPECT_TRUE(s.pupils_on_unknown_devices);
  EXPECT_EQ(s.staff_group, "Supply staff");
  EXPECT_EQ(*store_->setting(school_, "portal.sign_in_networks").value(), "10.20.8.0/24, 10.20.9.0/24");
}

TEST_F(SettingsRoutesTest, AWrongValueIsNamedByItsField) {
  const ConsoleSession& head = sessionFor(Role::kHead);
  struct Case {
    json body;
    const char* field;
    const char* says;
  } cases[] = {
      {{{"sign_in_networks", {"10.20.8.0/33"}}}, "sign_in_networks", "10.20.8.0/33"},
      {{{"sign_in_networks", 42}}, "sign_in_networks", "a list of networks"},
      {{{"unknown_devices", "sometimes"}}, "unknown_devices", "portal or group"},
      {{{"pupils_on_unknown_devices", "maybe"}}, "pupils_on_unknown_devices", "true or false"},
      {{{"visitor_group", "Guests"}}, "visitor_group", "no group 'Guests'"},
      {{{"staff_minutes", 2}}, "staff_minutes", "5 to 1440 minutes"},
  };
  for (const auto& c : cases) {
    ApiResponse r = call("PUT", kPath, head, c.body);
    EXPECT_EQ(r.status, 400) << c.body.dump();
    json body = json::parse(r.body);
    EXPECT_EQ(body["field"], c.field) << c.body.dump();
    EXPECT_NE(body["error"].get<std::string>().find(c.says), std::string::npos) << body["error"];
  }
  EXPECT_TRUE(stored().sign_in_networks.empty());
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
