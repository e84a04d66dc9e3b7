// SignInDesk over a real SQLite store: signing in at the portal binds the
// address (and survives a restart), year-group logins stay on school
// devices, wrong passwords lock out with back-off, visitor sessions end,
// and proxy credentials are cached after the first check.
#include "identity/sign_in.h"

#include "control/people_admin.h"
#include "identity/test_sign_in.h"

namespace esafety::identity {
namespace {

class SignInTest : public testing::SignInFixture {
 protected:
  SignInOutcome signIn(std::string login, std::string password, bool registered = true,
                       std::string ip = "127.0.0.66") {
    return desk_->signIn({.login = std::move(login),
                         .password = std::move(password),
                         .client_ip = std::move(ip),
                         .registered_device = registered});
  }
};

TEST_F(SignInTest, YearGroupLoginBindsTheAddressUnderItsKeyStage) {
  auto out = signIn("Year3", "tiger-lemon-42");
  ASSERT_TRUE(out.binding) << out.status.toString();
  EXPECT_EQ(out.binding->group, "KS2");
  EXPECT_EQ(out.binding->person_name, "Year 3 login");
  EXPECT_EQ(out.binding->expires_at, kStartTime + 90 * 60);
  auto found = desk_->bindings().find("127.0.0.66", kStartTime + 60);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->login, "year3");
  EXPECT_EQ(store_->audit(school_, 1)->front().action, "portal.sign_in");

  // A restart: a new desk restores the binding from the store.
  SignInDesk again(*store_, *store_, school_, clock_);
  ESAFETY_ASSERT_OK(again.restore());
  EXPECT_TRUE(again.bindings().find("127.0.0.66", kStartTime + 60));

  ESAFETY_ASSERT_OK(desk_->signOut("127.0.0.66", "signed out"));
  EXPECT_FALSE(desk_->bindings().find("127.0.0.66", kStartTime + 60));
  EXPECT_EQ(desk_->signOut("127.0.0.66", "signed out").code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->audit(school_, 1)->front().action, "portal.sign_out");
}

TEST_F(SignInTest, PupilsOwnDevicesCannotUseTheYearGroupLogin) {
  auto out = signIn("year3", "tiger-lemon-42", /*registered=*/false, "127.0.0.3");
  EXPECT_FALSE(out.binding);
  EXPECT_NE(out.status.message().find("only work on school devices"), std::string::npos);
  // Staff and visitors may use their own devices.
  EXPECT_TRUE(signIn("s.lee@school.example", "staff-pass-1234", false, "127.0.0.3").binding);
  auto visitor = signIn("visitor", visitor_password_, false, "127.0.0.4");
  ASSERT_TRUE(visitor.binding);
  EXPECT_EQ(visitor.binding->group, "Visitor");
  // Unless the school allows it.
  setSetting("portal.pupils_on_unknown_devices", "yes");
  EXPECT_TRUE(signIn("year3", "tiger-lemon-42", false, "127.0.0.5").binding);
}

TEST_F(SignInTest, VisitorSessionsEndAndAreSweptFromTheStore) {
  setSetting("identity.visitor_session_seconds", "20");
  auto out = signIn("visitor", visitor_password_, false, "127.0.0.3");
  ASSERT_TRUE(out.binding);
  EXPECT_EQ(out.binding->expires_at, kStartTime + 20);
  EXPECT_TRUE(desk_->bindings().find("127.0.0.3", kStartTime + 19));
  EXPECT_FALSE(desk_->bindings().find("127.0.0.3", kStartTime + 20));
  clock_.setUnix(kStartTime + 21);
  EXPECT_EQ(desk_->expireBindings(), 1u);
  EXPECT_TRUE(store_->clientBindings(school_, 0)->empty());
  EXPECT_EQ(store_->audit(school_, 1)->front().detail, "127.0.0.3 signed out: the session ended");
}

TEST_F(SignInTest, WrongPasswordsLockOutWithBackOff) {
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(signIn("year3", "wrong").binding);
  auto fourth = signIn("year3", "wrong");
  EXPECT_EQ(fourth.retry_after_s, 0);  // the fourth failure starts the back-off
  auto locked = signIn("year3", "tiger-lemon-42");
  EXPECT_FALSE(locked.binding);
  EXPECT_EQ(locked.retry_after_s, 2);
  EXPECT_EQ(locked.status.code(), StatusCode::kResourceExhausted);
  // Another address is not locked out by this one's mistakes.
  EXPECT_TRUE(signIn("year3", "tiger-lemon-42", true, "127.0.0.67").binding);
  clock_.setUnix(kStartTime + 2);
  EXPECT_TRUE(signIn("year3", "tiger-lemon-42").binding);
}

TEST_F(SignInTest, DeactivatedAccountsCannotSignIn) {
  control::PeopleAdmin admin(*store_, school_, clock_);
  ESAFETY_ASSERT_OK(admin.sanction("year3", SanctionKind::kDeactivate, 0, "Misuse", "head"));
  auto out = signIn("year3", "tiger-lemon-42");
  EXPECT_FALSE(out.binding);
  EXPECT_NE(out.status.message().find("deactivated: Misuse"), std::string::npos);
}

TEST_F(SignInTest, ProxyCredentialsAreCheckedOnceThenCached) {
  BasicCredentials c{"s.lee@school.example", "staff-pass-1234"};
  EXPECT_FALSE(desk_->cachedProxyCheck(c, false));
  auto out = desk_->checkProxyCredentials(c, "127.0.0.70", false);
  ASSERT_TRUE(out.who) << out.status.toString();
  EXPECT_EQ(out.who->group, "Staff");
  EXPECT_EQ(out.who->name, "Sam Lee");
  EXPECT_TRUE(desk_->cachedProxyCheck(c, false));
  EXPECT_FALSE(desk_->cachedProxyCheck({"s.lee@school.example", "staff-pass-12345"}, false));
  // A year-group login checked on a school device is still refused, from the
  // cache, on a device the school does not know.
  BasicCredentials year3{"year3", "tiger-lemon-42"};
  ASSERT_TRUE(desk_->checkProxyCredentials(year3, "127.0.0.71", true).who);
  auto cached = desk_->cachedProxyCheck(year3, false);
  ASSERT_TRUE(cached);
  EXPECT_FALSE(cached->who);
  // The visitor login is for the portal only.
  auto visitor = desk_->checkProxyCredentials({"visitor", visitor_password_}, "127.0.0.70", true);
  EXPECT_FALSE(visitor.who);
  // Failures go through the throttle.
  for (int i = 0; i < 4; ++i) (void)desk_->checkProxyCredentials({"year3", "nope"}, "127.0.0.70", true);
  EXPECT_GT(desk_->checkProxyCredentials({"year3", "nope"}, "127.0.0.70", true).retry_after_s, 0);
}

}  // namespace
}  // namespace esafety::identity
