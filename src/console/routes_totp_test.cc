// Two-step sign-in at the console for the DSL, the head and the admins: setting it up
// at the first sign-in (the key shown as text and as an otpauth:// URI),
// then a code at every sign-in (each code once), wrong codes counted for the back-off, a
// reset for a lost phone, and the setting that turns it off (the demo).
#include "console/api_test_fixture.h"
#include "control/people_admin.h"
#include "control/totp_keys.h"
#include "identity/totp.h"

namespace esafety::console {
namespace {

using identity::Role;
using nlohmann::json;

class TotpSignInTest : public ConsoleApiTest {
 protected:
  ApiResponse signInWithCode(std::string_view email, std::string_view password, std::string_view code) {
    ApiRequest r = request("POST", "/api/v1/session");
    r.content_type = "application/json";
    r.body = json{{"email", email}, {"password", password}, {"code", code}}.dump();
    return router_->handle(r);
  }
  std::string codeNow(const std::string& secret) {
    return identity::totpCode(identity::base32Decode(secret).value(), clock_.nowUnix());
  }
};

TEST_F(TotpSignInTest, TheDslSetsItUpThenGivesACodeEachTime) {
  addStaff("dsl@school.example", Role::kDsl, "correct horse battery");
  ApiResponse first = signIn("dsl@school.example", "correct horse battery");
  ASSERT_EQ(first.status, 401);
  EXPECT_TRUE(first.headers.empty()) << "no session before the code";
  json body = json::parse(first.body);
  EXPECT_TRUE(body["code_required"]);
  std::string secret = body["totp_setup"]["secret"];
  EXPECT_EQ(secret.size(), 32u);
  EXPECT_EQ(body["totp_setup"]["uri"].get<std::string>().rfind("otpauth://totp/esafety", 0), 0u) << body.dump();
  EXPECT_NE(body["totp_setup"]["uri"].get<std::string>().find("secret=" + secret), std::string::npos);
  // Asking again within the setup time shows the same key.
  EXPECT_EQ(json::parse(signIn("dsl@school.example", "correct horse battery").body)["totp_setup"]["secret"], secret);
  // A wrong password never reaches the code step.
  EXPECT_EQ(json::parse(signIn("dsl@school.example", "wrong password!!").body).count("totp_setup"), 0u);

  ApiResponse wrong = signInWithCode("dsl@school.example", "correct horse battery", "000000");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("code is not right"), std::string::npos);
  ApiResponse ok = signInWithCode("dsl@school.example", "correct horse battery", codeNow(secret));
  ASSERT_EQ(ok.status, 200) << ok.body;
  // Kept sealed under the records key, never in plain text.
  identity::Person kept = store_->personByLogin(school_, "dsl@school.example").value().value();
  EXPECT_EQ(kept.totp_secret, "");
  EXPECT_EQ(kept.totp_sealed.find(secret), std::string::npos);
  EXPECT_EQ(control::openTotpSecret(*ctx_->sealer().value(), kept).value(), secret);

  // From now on a code is needed, and the key is never shown again.
  clock_.setUnix(kStartTime + 600);
  ApiResponse next = signIn("dsl@school.example", "correct horse battery");
  EXPECT_EQ(next.status, 401);
  EXPECT_EQ(json::parse(next.body).count("totp_setup"), 0u);
  EXPECT_EQ(json::parse(next.body)["error"], "Enter the six-digit code from your authenticator app.");
  // A phone a step behind still works.
  std::string old = identity::totpCode(identity::base32Decode(secret).value(), clock_.nowUnix() - 30);
  EXPECT_EQ(signInWithCode("dsl@school.example", "correct horse battery", old).status, 200);
  EXPECT_EQ(signInWithCode("dsl@school.example", "correct horse battery", codeNow(secret)).status, 200);
  // Each code signs in once: not again, and no older one after it.
  ApiResponse replay = signInWithCode("dsl@school.example", "correct horse battery", codeNow(secret));
  EXPECT_EQ(replay.status, 401);
  EXPECT_EQ(json::parse(replay.body)["error"], "That code has been used already. Wait for the next code, then enter it.");
  EXPECT_EQ(signInWithCode("dsl@school.example", "correct horse battery", old).status, 401);
  clock_.setUnix(kStartTime + 630);
  EXPECT_EQ(signInWithCode("dsl@school.example", "correct horse battery", codeNow(secret)).status, 200)
      << "the next code does";

  // Lost phone: a reset, and the next sign-in sets up a new key.
  control::PeopleAdmin admin(*store_, school_, clock_);
  ESAFETY_ASSERT_OK(admin.resetTotp("dsl@school.example", "it.technician"));
  json again = json::parse(signIn("dsl@school.example", "correct horse battery").body);
  ASSERT_TRUE(again.contains("totp_setup"));
  EXPECT_NE(again["totp_setup"]["secret"], secret);
  bool audited = false;
  auto rows = store_->audit(school_, 20);
  ASSERT_TRUE(rows);
  for (const auto& a : *rows) {
    audited |= a.action == "person.totp_reset" && a.actor == "it.technician";
    EXPECT_EQ(a.detail.find(secret), std::string::npos) << "the secret is never audited";
  }
  EXPECT_TRUE(audited);
  EXPECT_EQ(admin.resetTotp("nobody@school.example", "it").code(), StatusCode::kNotFound);
}

TEST_F(TotpSignInTest, WrongCodesCountTowardsTheBackOff) {
  addStaff("head@school.example", Role::kHead, "correct horse battery");
  int limited = 0;
  for (int i = 0; i < 6; ++i) {
    limited += signInWithCode("head@school.example", "correct horse battery", "12345" + std::to_string(i)).status == 429;
  }
  EXPECT_GE(limited, 2);
}

TEST_F(TotpSignInTest, TheAdminsNeedACodeToo) {
  addStaff("it@school.example", Role::kItAdmin, "correct horse battery");
  addStaff("la@school.example", Role::kLaAdmin, "correct horse battery");
  for (const char* email : {"it@school.example", "la@school.example"}) {
    ApiResponse r = signIn(email, "correct horse battery");
    EXPECT_EQ(r.status, 401) << email;
    EXPECT_TRUE(json::parse(r.body).contains("totp_setup")) << email;
  }
}

TEST_F(TotpSignInTest, OtherRolesAndTheDemoSettingNeedNoCode) {
  addStaff("teacher@school.example", Role::kTeacher, "correct horse battery");
  EXPECT_EQ(signIn("teacher@school.example", "correct horse battery").status, 200);
  addStaff("dsl@school.example", Role::kDsl, "correct horse battery");
  ESAFETY_ASSERT_OK(store_->setSetting(school_, "console.totp", "off", "test"));
  EXPECT_EQ(signIn("dsl@school.example", "correct horse battery").status, 200);
}

}  // namespace
}  // namespace esafety::console
