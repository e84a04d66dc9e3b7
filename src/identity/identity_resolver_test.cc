// IdentityResolver without sockets: a real SignInDesk over a SQLite store in
// a temporary folder (people, passwords, settings), a snapshot built in
// memory, and a FakeClock. Every kind of request is asked from the same
// addresses, so the proxy, DNS and the portal are seen to agree.
#include "identity/identity_resolver.h"

#include <gtest/gtest.h>

#include "control/people_admin.h"
#include "core/test_allocations.h"
#include "identity/test_sign_in.h"
#include "policy/policy_test_fixture.h"

namespace esafety::identity {
namespace {

constexpr uint8_t kIpad[4] = {127, 0, 0, 12};      // "iPad 07", KS1, in the sign-in subnet
constexpr uint8_t kLaptop[4] = {127, 0, 0, 31};    // "Staff laptop", Staff
constexpr uint8_t kStranger[4] = {127, 0, 0, 99};  // no device has it
constexpr uint8_t kShared[4] = {127, 0, 1, 5};     // a shared PC in proxy_auth.networks
constexpr char kConsole[] = "http://Console.School.Example:8080";

// "Basic " + base64("s.lee@school.example:staff-pass-1234") and friends.
constexpr char kStaffHeader[] = "Basic cy5sZWVAc2Nob29sLmV4YW1wbGU6c3RhZmYtcGFzcy0xMjM0";
constexpr char kWrongHeader[] = "Basic cy5sZWVAc2Nob29sLmV4YW1wbGU6bm90LWl0";  // ...:not-it

class IdentityResolverTest : public testing::SignInFixture {
 protected:
  void SetUp() override {
    SignInFixture::SetUp();
    auto year3 = control::PeopleAdmin(*store_, school_, clock_).findPerson("year3");
    ESAFETY_ASSERT_OK(year3);
    year3_ = year3->id;
    setSetting("portal.sign_in_networks", "127.0.0.12/32");
    resolver_ = std::make_unique<IdentityResolver>(desk_.get(), clock_, kConsole);
    build(policy());
  }

  policy::PolicyData policy() {
    policy::PolicyData data = policy::testing::testPolicy();
    for (const char* name : {"Visitor", "Unknown device"}) {
      policy::Group g;
      g.name = name;
      g.allow_list_only = true;
      data.groups.push_back(g);
    }
    data.devices.push_back({.id = 7, .name = "iPad 07", .ip = "127.0.0.12", .group = "KS1"});
    data.devices.push_back({.id = 8, .name = "Staff laptop", .ip = "127.0.0.31", .group = "Staff"});
    return data;
  }
  void build(policy::PolicyData data) {
    auto snap = policy::Snapshot::build(std::move(data), policy::testing::testIndex(), nullptr, &clock_);
    ASSERT_TRUE(snap) << snap.status().toString();
    snap_ = *snap;
  }

  void signInAtPortal(std::span<const uint8_t> address, bool registered) {
    auto out = desk_->signIn({.login = "year3", .password = "tiger-lemon-42",
                              .client_ip = addressText(address), .registered_device = registered});
    ASSERT_TRUE(out.binding) << out.status.toString();
  }

  // Resolves and returns the answer (kept in who_).
  const ResolvedClient& ask(std::span<const uint8_t> address, RequestKind kind,
                            std::string_view header = "", std::string_view host = "site.example",
                            uint16_t port = 0) {
    resolver_->resolve({.address = address, .kind = kind, .proxy_authorization = header,
                        .host = host, .port = port},
                       *snap_, who_);
    return who_;
  }
  const ResolvedClient& askChecking(std::span<const uint8_t> address, RequestKind kind,
                                    std::string_view header) {
    resolver_->resolveCheckingPassword(
        {.address = address, .kind = kind, .proxy_authorization = header, .host = "site.example"},
        *snap_, who_);
    return who_;
  }
  std::string groupOf(const ResolvedClient& r) {
    return r.identity.group ? r.identity.group->config.name : "<none>";
  }

  int64_t year3_ = 0;
  std::unique_ptr<IdentityResolver> resolver_;
  std::shared_ptr<const policy::Snapshot> snap_;
  ResolvedClient who_;
};

constexpr RequestKind kEveryKind[] = {RequestKind::kAddressOnly, RequestKind::kPageLoad,
                                      RequestKind::kPlainHttp, RequestKind::kConnect,
                                      RequestKind::kInsideTls};

TEST_F(IdentityResolverTest, APortalSignInIsThePersonForDnsAndTheProxyAlike) {
  // Before: the shared iPad must sign in, each kind of request told its own way.
  EXPECT_EQ(ask(kIpad, RequestKind::kAddressOnly).sign_in, SignIn::kSignInPage);
  EXPECT_EQ(groupOf(who_), "KS1") << "the registry's answer stays for the event log";
  EXPECT_EQ(who_.identity.device->name, "iPad 07");
  EXPECT_FALSE(who_.unknown_device);
  EXPECT_EQ(ask(kIpad, RequestKind::kPageLoad).sign_in, SignIn::kPortalRedirect);
  EXPECT_EQ(ask(kIpad, RequestKind::kPlainHttp).sign_in, SignIn::kSignInPage);
  EXPECT_EQ(ask(kIpad, RequestKind::kConnect).sign_in, SignIn::kRefused);
  EXPECT_EQ(who_.reason, "esafety: sign in at http://Console.School.Example:8080/portal first");
  EXPECT_EQ(ask(kIpad, RequestKind::kInsideTls).sign_in, SignIn::kRefused);

  signInAtPortal(kIpad, /*registered=*/true);
  for (RequestKind kind : kEveryKind) {
    const ResolvedClient& r = ask(kIpad, kind);
    EXPECT_EQ(r.sign_in, SignIn::kNotNeeded) << static_cast<int>(kind);
    EXPECT_EQ(r.source, Source::kPortal);
    EXPECT_EQ(groupOf(r), "KS2") << "the year-group login's Key Stage, not the iPad's KS1";
    EXPECT_EQ(r.identity.user_id, year3_);
    EXPECT_EQ(r.identity.user_name, "Year 3 login");
    EXPECT_EQ(r.identity.device->name, "iPad 07") << "the device stays on the record";
  }
  // The session ends: back to signing in.
  clock_.setUnix(kStartTime + 90 * 60);
  EXPECT_EQ(ask(kIpad, RequestKind::kAddressOnly).sign_in, SignIn::kSignInPage);
  EXPECT_EQ(who_.identity.user_id, 0);
}

TEST_F(IdentityResolverTest, ADeviceLentToAPupilIsThatPupilWhateverElseApplies) {
  policy::PolicyData data = policy();
  data.checkouts.push_back({.device_id = 7, .user_id = 42, .user_name = "Amira Khan",
                            .group = "Staff", .from = kStartTime, .until = kStartTime + 600});
  build(std::move(data));
  signInAtPortal(kIpad, true);
  for (RequestKind kind : kEveryKind) {
    const ResolvedClient& r = ask(kIpad, kind);
    EXPECT_EQ(r.sign_in, SignIn::kNotNeeded);
    EXPECT_EQ(r.source, Source::kCheckout);
    EXPECT_EQ(r.identity.user_name, "Amira Khan");
    EXPECT_EQ(groupOf(r), "Staff");
  }
  clock_.setUnix(kStartTime + 600);  // the lesson is over: the portal sign-in again
  EXPECT_EQ(ask(kIpad, RequestKind::kAddressOnly).identity.user_name, "Year 3 login");
}

TEST_F(IdentityResolverTest, ASignedInPersonsSanctionsApply) {
  policy::PolicyData data = policy();
  data.sanctions.push_back({.user_id = year3_, .restricted = true, .from = kStartTime,
                            .until = kStartTime + 60});
  data.sanctions.push_back({.user_id = 999, .deactivated = true, .from = kStartTime});
  build(std::move(data));
  signInAtPortal(kIpad, true);
  const ResolvedClient& r = ask(kIpad, RequestKind::kAddressOnly);
  EXPECT_TRUE(r.identity.account.restricted);
  EXPECT_FALSE(r.identity.account.deactivated) << "someone else's sanction";
  EXPECT_EQ(groupOf(r), "KS2");
  EXPECT_TRUE(r.identity.group->sanction.restricted) << "the snapshot's sanctioned copy";
  policy::DecisionScratch scratch;
  auto decide = [&](const char* host) {
    return snap_->decide(*r.identity.group, policy::Target::forHost(host), clock_.localNow(), {},
                         scratch);
  };
  EXPECT_EQ(decide("nothing-listed.example").verdict, policy::Verdict::kBlock);
  EXPECT_EQ(decide("bitesize.example").verdict, policy::Verdict::kAllow);
  // The same copy for every request, so DNS batches one group.
  const policy::GroupPolicy* first = r.identity.group;
  EXPECT_EQ(ask(kIpad, RequestKind::kPageLoad).identity.group, first);
  clock_.setUnix(kStartTime + 60);  // the restriction ends
  EXPECT_EQ(ask(kIpad, RequestKind::kAddressOnly).identity.group, snap_->group("KS2"));
}

TEST_F(IdentityResolverTest, ABindingToAGroupThePolicyLacksKeepsTheDevicesGroup) {
  policy::PolicyData data = policy();
  std::erase_if(data.groups, [](const policy::Group& g) { return g.name == "KS2"; });
  build(std::move(data));
  signInAtPortal(kIpad, true);
  const ResolvedClient& r = ask(kIpad, RequestKind::kAddressOnly);
  EXPECT_EQ(r.identity.user_name, "Year 3 login");
  EXPECT_EQ(groupOf(r), "KS1");
}

TEST_F(IdentityResolverTest, UnknownDevicesSignInOrGetTheUnknownDeviceGroupBySetting) {
  EXPECT_EQ(ask(kStranger, RequestKind::kPageLoad).sign_in, SignIn::kPortalRedirect);
  EXPECT_TRUE(who_.unknown_device);
  EXPECT_EQ(groupOf(who_), "Unknown device");
  EXPECT_EQ(ask(kStranger, RequestKind::kPlainHttp).sign_in, SignIn::kSignInPage);
  // A registered device outside the sign-in subnet is simply its device.
  EXPECT_EQ(ask(kLaptop, RequestKind::kPageLoad).sign_in, SignIn::kNotNeeded);
  EXPECT_EQ(who_.source, Source::kAddress);
  EXPECT_EQ(groupOf(who_), "Staff");

  setSetting("portal.unknown_devices", "group");
  EXPECT_EQ(ask(kStranger, RequestKind::kPageLoad).sign_in, SignIn::kNotNeeded)
      << "the new setting is seen on the next request";
  EXPECT_EQ(groupOf(who_), "Unknown device");
  EXPECT_EQ(ask(kIpad, RequestKind::kPageLoad).sign_in, SignIn::kPortalRedirect)
      << "the sign-in subnet still signs in";
}

TEST_F(IdentityResolverTest, TheConsoleItselfIsNeverSentToSignIn) {
  const char* host = "console.school.example";
  EXPECT_EQ(ask(kStranger, RequestKind::kPageLoad, "", host, 8080).sign_in, SignIn::kNotNeeded);
  EXPECT_EQ(groupOf(who_), "Unknown device");
  EXPECT_EQ(ask(kStranger, RequestKind::kConnect, "", host, 8080).sign_in, SignIn::kNotNeeded);
  EXPECT_EQ(ask(kStranger, RequestKind::kAddressOnly, "", host).sign_in, SignIn::kNotNeeded)
      << "DNS may resolve the console's name";
  EXPECT_EQ(ask(kStranger, RequestKind::kPageLoad, "", host, 80).sign_in, SignIn::kPortalRedirect)
      << "another port is another site";
  EXPECT_EQ(ask(kStranger, RequestKind::kPageLoad, "", "console.school.example.evil", 8080).sign_in,
            SignIn::kPortalRedirect);

  IdentityResolver v6(desk_.get(), clock_, "https://[fd00::1]/");
  v6.resolve({.address = kStranger, .kind = RequestKind::kConnect, .host = "fd00::1", .port = 443},
             *snap_, who_);
  EXPECT_EQ(who_.sign_in, SignIn::kNotNeeded);
}

TEST_F(IdentityResolverTest, ProxyCredentialsAreCheckedOffTheWorkerThenCached) {
  setSetting("proxy_auth.networks", "127.0.1.0/24");
  EXPECT_EQ(ask(kShared, RequestKind::kPageLoad).sign_in, SignIn::kProxyCredentials);
  EXPECT_EQ(who_.reason, "no credentials");
  EXPECT_EQ(ask(kShared, RequestKind::kPageLoad, "Bearer abc").sign_in, SignIn::kProxyCredentials);

  // Not in the cache: resolve() never runs argon2id; the caller does, off its worker.
  EXPECT_EQ(ask(kShared, RequestKind::kPageLoad, kStaffHeader).sign_in, SignIn::kPasswordCheck);
  EXPECT_EQ(who_.identity.user_id, 0);
  const ResolvedClient& checked = askChecking(kShared, RequestKind::kPageLoad, kStaffHeader);
  EXPECT_EQ(checked.sign_in, SignIn::kNotNeeded);
  EXPECT_EQ(checked.source, Source::kProxyLogin);
  EXPECT_EQ(checked.identity.user_name, "Sam Lee");
  EXPECT_EQ(groupOf(checked), "Staff");
  // Now cached: answered on the worker.
  EXPECT_EQ(ask(kShared, RequestKind::kPlainHttp, kStaffHeader).sign_in, SignIn::kNotNeeded);
  EXPECT_EQ(who_.identity.user_name, "Sam Lee");

  // Wrong passwords: refused with the reason, then locked out with a wait.
  EXPECT_EQ(ask(kShared, RequestKind::kPageLoad, kWrongHeader).sign_in, SignIn::kPasswordCheck);
  EXPECT_EQ(askChecking(kShared, RequestKind::kPageLoad, kWrongHeader).sign_in,
            SignIn::kProxyCredentials);
  EXPECT_EQ(who_.reason, "wrong login or password");
  EXPECT_EQ(who_.retry_after_s, 0);
  for (int i = 0; i < 4; ++i) (void)askChecking(kShared, RequestKind::kPageLoad, kWrongHeader);
  EXPECT_EQ(who_.sign_in, SignIn::kProxyCredentials);
  EXPECT_GT(who_.retry_after_s, 0);
  EXPECT_EQ(who_.reason, "too many wrong tries: wait, then try again");
}

TEST_F(IdentityResolverTest, InsideATunnelTheLoginThatOpenedItCounts) {
  setSetting("proxy_auth.networks", "127.0.1.0/24");
  EXPECT_EQ(ask(kShared, RequestKind::kInsideTls).sign_in, SignIn::kRefused);
  EXPECT_EQ(who_.reason, "Your sign-in has ended: open the page again to sign in.");
  ASSERT_EQ(askChecking(kShared, RequestKind::kConnect, kStaffHeader).sign_in, SignIn::kNotNeeded);
  EXPECT_EQ(ask(kShared, RequestKind::kInsideTls).identity.user_name, "Sam Lee");
  EXPECT_EQ(who_.source, Source::kProxyLogin);
  clock_.setUnix(kStartTime + 300);  // remembered for the credential cache's lifetime
  EXPECT_EQ(ask(kShared, RequestKind::kInsideTls).sign_in, SignIn::kRefused);
}

TEST_F(IdentityResolverTest, DnsFromAProxyAuthAddressUsesWhatTheAddressSays) {
  // A shared machine's address cannot say which of its users asks: DNS and
  // the portal never see a 407, and take a portal binding or the registry.
  setSetting("proxy_auth.networks", "127.0.0.0/24");
  setSetting("portal.unknown_devices", "group");
  EXPECT_EQ(ask(kLaptop, RequestKind::kPageLoad).sign_in, SignIn::kProxyCredentials);
  EXPECT_EQ(ask(kLaptop, RequestKind::kAddressOnly).sign_in, SignIn::kNotNeeded);
  EXPECT_EQ(groupOf(who_), "Staff");
  EXPECT_EQ(ask(kIpad, RequestKind::kAddressOnly).sign_in, SignIn::kSignInPage);
  signInAtPortal(kIpad, true);
  EXPECT_EQ(ask(kIpad, RequestKind::kAddressOnly).identity.user_name, "Year 3 login");
  EXPECT_EQ(ask(kIpad, RequestKind::kPageLoad).sign_in, SignIn::kProxyCredentials)
      << "the proxy still wants credentials there";
}

TEST_F(IdentityResolverTest, WithoutADeskOnlyTheRegistryAndCheckoutsCount) {
  IdentityResolver bare(nullptr, clock_, "");
  bare.resolve({.address = kStranger, .kind = RequestKind::kPageLoad}, *snap_, who_);
  EXPECT_EQ(who_.sign_in, SignIn::kNotNeeded);
  EXPECT_EQ(groupOf(who_), "Unknown device");
  bare.resolve({.address = kIpad, .kind = RequestKind::kAddressOnly}, *snap_, who_);
  EXPECT_EQ(groupOf(who_), "KS1");
  const uint8_t odd[3] = {1, 2, 3};
  bare.resolve({.address = std::span(odd, 3)}, *snap_, who_);
  EXPECT_EQ(groupOf(who_), "Unknown device");
  resolver_->resolve({.address = std::span(odd, 3), .kind = RequestKind::kPageLoad}, *snap_, who_);
  EXPECT_EQ(who_.sign_in, SignIn::kPortalRedirect) << "an address no device can have signs in";
}

TEST_F(IdentityResolverTest, TheDnsPathAllocatesNothing) {
  // A name longer than std::string keeps inline, so reusing its capacity counts.
  control::PeopleAdmin admin(*store_, school_, clock_);
  ESAFETY_ASSERT_OK(admin.addStaff({.name = "Alexandra Montgomery-Smythe", .email = "a.ms@school.example"},
                                   "staff-pass-5678", "head"));
  auto bound = desk_->signIn({.login = "a.ms@school.example", .password = "staff-pass-5678",
                              .client_ip = "127.0.0.99"});
  ASSERT_TRUE(bound.binding) << bound.status.toString();
  ASSERT_EQ(ask(kStranger, RequestKind::kAddressOnly).identity.user_name, "Alexandra Montgomery-Smythe");
  ask(kIpad, RequestKind::kAddressOnly);  // warms this thread's settings and the name buffer
  const uint8_t v6[16] = {0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7};
  size_t named = 0, signing_in = 0;
  esafety::testing::AllocationCounter counter;
  for (int i = 0; i < 1000; ++i) {
    named += ask(kStranger, RequestKind::kAddressOnly, "", "some.site.example").identity.user_id != 0;
    signing_in += ask(kIpad, RequestKind::kAddressOnly, "", "some.site.example").needsSignIn();
    signing_in += ask(v6, RequestKind::kAddressOnly, "", "some.site.example").needsSignIn();
    named += ask(kLaptop, RequestKind::kAddressOnly, "", "console.school.example").sign_in ==
             SignIn::kNotNeeded;
  }
  const size_t allocations = counter.stop();
  EXPECT_EQ(named, 2000u);
  EXPECT_EQ(signing_in, 2000u);
  EXPECT_EQ(allocations, 0u);
}

}  // namespace
}  // namespace esafety::identity
