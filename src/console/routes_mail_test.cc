// The mail routes over a real store: the IT technician, the DSL and the head
// see the outbox; only those who manage settings change the relay or send a
// test mail; a wrong value is refused naming the field; the relay's password
// is accepted and never sent back.
#include "console/api_test_fixture.h"

namespace esafety::console {
namespace {

using identity::Role;
using nlohmann::json;

class MailRoutesTest : public ConsoleApiTest {};

TEST_F(MailRoutesTest, TheOutboxIsForItTheDslAndTheHead) {
  for (Role role : {Role::kItAdmin, Role::kDsl, Role::kHead}) {
    EXPECT_EQ(call("GET", "/api/v1/mail", sessionFor(role)).status, 200) << identity::roleName(role);
  }
  for (Role role : {Role::kTeacher, Role::kOffice, Role::kGovernor}) {
    EXPECT_EQ(call("GET", "/api/v1/mail", sessionFor(role)).status, 403) << identity::roleName(role);
  }
  EXPECT_EQ(call("PUT", "/api/v1/settings/mail", sessionFor(Role::kDsl), {{"smtp_host", "127.0.0.1"}}).status,
            403);
  EXPECT_EQ(call("POST", "/api/v1/mail/test", sessionFor(Role::kDsl), {{"address", "a@b.example"}}).status, 403);
}

TEST_F(MailRoutesTest, AWrongValueNamesItsFieldAndSavesNothing) {
  ApiResponse r = call("PUT", "/api/v1/settings/mail", sessionFor(Role::kItAdmin),
                       {{"smtp_host", "127.0.0.1"}, {"smtp_port", 70000}});
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(json::parse(r.body)["field"], "smtp_port");
  EXPECT_FALSE(store_->setting(school_, "mail.smtp_host")->has_value());
  r = call("PUT", "/api/v1/settings/mail", sessionFor(Role::kItAdmin),
           {{"smtp_host", "smtp.school.example"}, {"security", "none"}});
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(json::parse(r.body)["field"], "security");
}

TEST_F(MailRoutesTest, ThePasswordIsWriteOnlyAndATestMailIsQueued) {
  const ConsoleSession& it = sessionFor(Role::kItAdmin);
  ApiResponse r = call("POST", "/api/v1/mail/test", it, {{"address", "dsl@school.example"}});
  EXPECT_EQ(r.status, 409) << r.body;  // not set up yet
  r = call("PUT", "/api/v1/settings/mail", it,
           {{"smtp_host", "smtp.school.example"}, {"from", "esafety@school.example"},
            {"username", "relay"}, {"password", "Relay-Secret-1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body.find("Relay-Secret-1"), std::string::npos);
  EXPECT_EQ(json::parse(r.body)["password_set"], true);
  EXPECT_EQ(json::parse(r.body)["ready"], true);
  r = call("POST", "/api/v1/mail/test", it, {{"address", "dsl@school.example"}});
  ASSERT_EQ(r.status, 202) << r.body;
  r = call("GET", "/api/v1/mail", sessionFor(Role::kDsl));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("Relay-Secret-1"), std::string::npos);
  json page = json::parse(r.body);
  ASSERT_EQ(page["mail"].size(), 1u);
  EXPECT_EQ(page["mail"][0]["status"], "queued");
  EXPECT_EQ(page["mail"][0]["recipients"], json::array({"dsl@school.example"}));
  EXPECT_EQ(page["settings"]["smtp_port"], 587);
  auto audit = store_->audit(school_, 10);
  for (const auto& row : *audit) EXPECT_EQ(row.detail.find("Relay-Secret-1"), std::string::npos);
}

}  // namespace
}  // namespace esafety::console
