// The filter self-test: the expectation table (what each group must block,
// whatever its policy says), the result logic, reading the proxy's and the
// DNS filter's answers, and the service over a real store with a scripted
// prober: results recorded, one level-4 alert per newly failing group and
// category, raised again only after it passed, mailed to the DSL.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "control/filter_selftest.h"
#include "control/selftest_plan.h"
#include "control/selftest_probe.h"
#include "control/selftest_runner.h"
#include "core/test_support.h"
#include "store/demo_school.h"
#include "store/sqlite/sqlite_store.h"

namespace esafety::control {
namespace {

using ::testing::HasSubstr;
using store::SelftestOutcome;

policy::Device selftestDevice(std::string group, std::string ip) {
  return {.name = "Self-test " + group, .type = "other", .room = "Self-test", .ip = std::move(ip),
          .group = std::move(group)};
}

class SelftestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    clock_.setUnix(1772530200);
    auto opened = store::openSqliteStore(dir_.file("esafety.db"), clock_);
    ASSERT_TRUE(opened.isOk()) << opened.status().toString();
    store_ = std::move(*opened);
    ESAFETY_ASSERT_OK(store::writeDemoLists(dir_.file("lists")));
    ESAFETY_ASSERT_OK(store::seedDemoSchool(*store_, dir_.file("lists"), "setup"));
  }
  void addSelftestDevices() {
    for (auto [group, ip] : {std::pair{"KS1", "127.0.0.19"}, {"KS2", "127.0.0.29"},
                             {"Staff", "127.0.0.39"}, {"Visitor", "127.0.0.49"}}) {
      ESAFETY_ASSERT_OK(store_->addDevice(school_, selftestDevice(group, ip), "it"));
    }
  }
  SelftestPlan plan() {
    policy::PolicyData data = store_->loadPolicy(school_).value();
    data.devices = store_->devices(school_).value();
    return planSelftest(data);
  }

  esafety::testing::TempDir dir_;
  FakeClock clock_{LocalTime{}};
  std::unique_ptr<store::Store> store_;
  policy::SchoolId school_ = policy::kDefaultSchool;
};

std::set<std::string> categoriesOf(const SelftestPlan& plan, const std::string& group) {
  std::set<std::string> out;
  for (const auto& t : plan.targets) {
    if (t.group == group) out.insert(t.category);
  }
  return out;
}

TEST_F(SelftestTest, EveryGroupMustBlockIllegalAdultExtremismAndGamblingPupilsTheRest) {
  addSelftestDevices();
  SelftestPlan p = plan();
  const std::set<std::string> everyone = {"illegal", "pornography", "extremism", "gambling"};
  EXPECT_EQ(categoriesOf(p, "Staff"), everyone);
  EXPECT_EQ(categoriesOf(p, "Visitor"), everyone);
  std::set<std::string> pupils = everyone;
  pupils.insert({"self-harm", "drugs", "hate-speech", "discrimination", "violence",
                 "malware-hacking", "piracy", "circumvention"});
  EXPECT_EQ(categoriesOf(p, "KS1"), pupils);
  EXPECT_EQ(categoriesOf(p, "KS2"), pupils);
  // Illegal content has both test entries (IWF and CTIRU); each from the group's device.
  int illegal = 0;
  for (const auto& t : p.targets) {
    if (t.group == "KS1" && t.category == "illegal") ++illegal;
    if (t.group == "KS1") {
      EXPECT_EQ(t.source_ip, "127.0.0.19");
    }
    EXPECT_EQ(t.url, "http://" + t.host + "/");
  }
  EXPECT_EQ(illegal, 2);
  EXPECT_THAT(p.untested_groups, ::testing::ElementsAre("Restricted", "Unknown device"));
}

TEST_F(SelftestTest, TheTableIsTheStandardNotTheGroupsPolicy) {
  addSelftestDevices();
  auto ks1 = store_->group(school_, "KS1").value().value();
  ks1.blocked_categories.erase("pornography");
  ESAFETY_ASSERT_OK(store_->saveGroup(school_, ks1, "it", "testing the self-test"));
  EXPECT_TRUE(categoriesOf(plan(), "KS1").count("pornography"));
}

TEST_F(SelftestTest, OnlyDevicesInTheSelfTestRoomWithAnAddressPresentAGroup) {
  SelftestPlan none = plan();  // the demo's pupil iPads are not self-test devices
  EXPECT_TRUE(none.targets.empty());
  EXPECT_EQ(none.untested_groups.size(), 6u);
  policy::Device no_ip = selftestDevice("KS1", "");
  EXPECT_FALSE(isSelftestDevice(no_ip));
  EXPECT_TRUE(isSelftestDevice(policy::Device{.room = " self-TEST ", .ip = "127.0.0.19"}));
}

TEST(SelftestResult, OnlyTheExpectedOutcomePasses) {
  EXPECT_TRUE(selftestPasses(true, SelftestOutcome::kBlocked));
  EXPECT_FALSE(selftestPasses(true, SelftestOutcome::kAllowed));
  EXPECT_FALSE(selftestPasses(true, SelftestOutcome::kError));
  EXPECT_TRUE(selftestPasses(false, SelftestOutcome::kAllowed));
  EXPECT_FALSE(selftestPasses(false, SelftestOutcome::kError));
}

TEST(SelftestResult, OneAlertPerFailingGroupAndCategoryNamingEachPath) {
  std::vector<store::SelftestCheck> checks = {
      {.group = "KS1", .category = "pornography", .path = "proxy", .target = "http://a/",
       .outcome = SelftestOutcome::kAllowed, .passed = false},
      {.group = "KS1", .category = "pornography", .path = "dns", .target = "a",
       .outcome = SelftestOutcome::kError, .passed = false},
      {.group = "KS2", .category = "pornography", .path = "proxy", .target = "http://a/",
       .outcome = SelftestOutcome::kBlocked, .passed = true},
      {.group = "Staff", .category = "illegal", .path = "dns", .target = "b",
       .outcome = SelftestOutcome::kAllowed, .passed = false}};
  auto alerts = selftestAlerts(checks);
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[0].group, "KS1");
  EXPECT_EQ(alerts[0].level, 4);
  EXPECT_EQ(alerts[0].why,
            "the filter is not blocking pornography for KS1 (proxy http://a/: allowed; dns a: error)");
  EXPECT_EQ(alerts[1].group, "Staff");
  EXPECT_EQ(alerts[1].category, "illegal");
}

TEST(SelftestProxyAnswer, TheBlockPageIsBlockedAnythingElseGotPast) {
  const std::string page =
      "<dl><dt>Group</dt><dd>KS1</dd>\n<dt>Reference</dt><dd><span class=\"ref\">E-1</span></dd>";
  EXPECT_EQ(readProxyAnswer(403, page, "KS1").outcome, SelftestOutcome::kBlocked);
  // An origin's own 403 is not the filter's.
  EXPECT_EQ(readProxyAnswer(403, "<h1>Forbidden</h1>", "KS1").outcome, SelftestOutcome::kAllowed);
  EXPECT_EQ(readProxyAnswer(502, "", "KS1").outcome, SelftestOutcome::kAllowed);
  EXPECT_EQ(readProxyAnswer(200, "hello", "KS1").outcome, SelftestOutcome::kAllowed);
  // Blocked, but as another group: the check did not present as KS1.
  ProbeResult other = readProxyAnswer(403, page, "KS2");
  EXPECT_EQ(other.outcome, SelftestOutcome::kError);
  EXPECT_THAT(other.detail, HasSubstr("'KS1'"));
  EXPECT_EQ(readProxyAnswer(407, "", "KS1").outcome, SelftestOutcome::kError);
  EXPECT_EQ(readProxyAnswer(302, "", "KS1").outcome, SelftestOutcome::kError);
  EXPECT_EQ(readProxyAnswer(0, "", "KS1").outcome, SelftestOutcome::kError);
}

// A reply to dnsQuery(id, "a.example") with `rcode`, and optionally one A
// answer and a SOA in the authority section.
std::vector<uint8_t> reply(uint16_t id, int rcode, std::vector<uint8_t> a = {}, bool soa = false) {
  std::vector<uint8_t> r = dnsQuery(id, "a.example");
  r[2] = 0x81;
  r[3] = static_cast<uint8_t>(0x80 | rcode);
  r[7] = a.empty() ? 0 : 1;
  r[9] = soa ? 1 : 0;
  if (!a.empty()) {
    r.insert(r.end(), {0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4});
    r.insert(r.end(), a.begin(), a.end());
  }
  if (soa) {
    r.insert(r.end(), {0xC0, 12, 0, 6, 0, 1, 0, 0, 0, 60, 0, 22, 0, 0});
    r.insert(r.end(), 20, 0);
  }
  return r;
}

TEST(SelftestDnsAnswer, TheConfiguredBlockAnswerIsBlocked) {
  const DnsBlockAnswer nx{};
  EXPECT_EQ(readDnsAnswer(reply(7, 3), 7, nx).outcome, SelftestOutcome::kBlocked);
  // An upstream's NXDOMAIN carries its zone's SOA.
  EXPECT_EQ(readDnsAnswer(reply(7, 3, {}, true), 7, nx).outcome, SelftestOutcome::kAllowed);
  EXPECT_EQ(readDnsAnswer(reply(7, 2), 7, nx).outcome, SelftestOutcome::kAllowed);  // SERVFAIL
  EXPECT_EQ(readDnsAnswer(reply(7, 0, {10, 0, 0, 5}), 7, nx).outcome, SelftestOutcome::kAllowed);
  EXPECT_EQ(readDnsAnswer(reply(7, 5), 7, nx).outcome, SelftestOutcome::kError);  // REFUSED
  EXPECT_EQ(readDnsAnswer(reply(8, 3), 7, nx).outcome, SelftestOutcome::kError);  // another id
  const DnsBlockAnswer zero{.mode = DnsBlockAnswer::Mode::kZero};
  EXPECT_EQ(readDnsAnswer(reply(7, 0, {0, 0, 0, 0}), 7, zero).outcome, SelftestOutcome::kBlocked);
  EXPECT_EQ(readDnsAnswer(reply(7, 3), 7, zero).outcome, SelftestOutcome::kAllowed);
  const DnsBlockAnswer page{.mode = DnsBlockAnswer::Mode::kAddress, .addresses = {"10.0.0.2"}};
  EXPECT_EQ(readDnsAnswer(reply(7, 0, {10, 0, 0, 2}), 7, page).outcome, SelftestOutcome::kBlocked);
  EXPECT_EQ(readDnsAnswer(reply(7, 0, {10, 0, 0, 3}), 7, page).outcome, SelftestOutcome::kAllowed);
  // Cut short anywhere: an error, never a read past the end.
  std::vector<uint8_t> full = reply(7, 0, {10, 0, 0, 2});
  for (size_t n = 0; n < full.size(); ++n) {
    std::vector<uint8_t> cut(full.begin(), full.begin() + static_cast<long>(n));
    EXPECT_NE(readDnsAnswer(cut, 7, page).outcome, SelftestOutcome::kBlocked) << n;
  }
}

// Answers "blocked" for everything except the (group, category) pairs in `allowed`.
class ScriptedProber final : public SelftestProber {
 public:
  bool hasProxy() const override { return true; }
  bool hasDns() const override { return true; }
  ProbeResult proxy(const SelftestTarget& t) override { return answer(t); }
  ProbeResult dns(const SelftestTarget& t) override { return answer(t); }
  std::set<std::pair<std::string, std::string>> allowed;

 private:
  ProbeResult answer(const SelftestTarget& t) {
    if (allowed.count({t.group, t.category})) return {SelftestOutcome::kAllowed, "HTTP 502"};
    return {SelftestOutcome::kBlocked, "403 block page"};
  }
};

TEST_F(SelftestTest, AFailureRaisesOneLevelFourAlertUntilItPassesAgain) {
  addSelftestDevices();
  ESAFETY_ASSERT_OK(store_->addPerson(school_,
                                      {.kind = identity::PersonKind::kStaff, .name = "Dee Lead",
                                       .role = identity::Role::kDsl, .login = "dsl@school.example",
                                       .email = "dsl@school.example"},
                                      "head"));
  const int64_t policy_audit = store_->newestPolicyAuditId(school_).value();
  ScriptedProber prober;
  FilterSelftest selftest(*store_, school_, clock_, prober);
  auto passing = selftest.run("cli", "it");
  ESAFETY_ASSERT_OK(passing);
  EXPECT_EQ(passing->run.failures, 0);
  EXPECT_EQ(passing->run.checks, 2 * (13 + 13 + 5 + 5));
  EXPECT_TRUE(passing->alert_ids.empty());

  prober.allowed = {{"KS1", "pornography"}};
  clock_.setUnix(1772530200 + 60);
  auto failing = selftest.run("daily", "selftest");
  ESAFETY_ASSERT_OK(failing);
  EXPECT_EQ(failing->run.failures, 2);  // the proxy and the DNS filter
  ASSERT_EQ(failing->alert_ids.size(), 1u);
  auto alert = store_->alert(school_, failing->alert_ids[0]).value().value().alert;
  EXPECT_EQ(alert.level, 4);
  EXPECT_EQ(alert.category, "pornography");
  EXPECT_EQ(alert.subject.group, "KS1");
  EXPECT_EQ(alert.subject.user_id, 0);
  EXPECT_THAT(alert.why, HasSubstr("the filter is not blocking pornography for KS1"));
  auto outbox = store_->outbox(school_, 0, 10).value();
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].recipients, std::vector<std::string>{"dsl@school.example"});
  EXPECT_THAT(outbox[0].subject, HasSubstr("level 4"));

  // Still failing: no second alert.
  auto again = selftest.run("daily", "selftest");
  ESAFETY_ASSERT_OK(again);
  EXPECT_EQ(again->run.failures, 2);
  EXPECT_TRUE(again->alert_ids.empty());
  // It passes, then fails again: a new alert.
  prober.allowed.clear();
  ESAFETY_ASSERT_OK(selftest.run("console", "it"));
  prober.allowed = {{"KS1", "pornography"}, {"Staff", "illegal"}};
  auto later = selftest.run("daily", "selftest");
  ESAFETY_ASSERT_OK(later);
  EXPECT_EQ(later->alert_ids.size(), 2u);

  // Recorded, newest first, with their results.
  auto runs = store_->selftestRuns(school_, 10, true).value();
  ASSERT_EQ(runs.size(), 5u);
  EXPECT_EQ(runs[0].trigger, "daily");
  EXPECT_EQ(runs[0].failures, 2 + 4);  // Staff's illegal content has two test names
  EXPECT_EQ(runs[4].failures, 0);
  EXPECT_EQ(runs[4].results.size(), 72u);
  int failed = 0;
  for (const auto& c : runs[0].results) {
    if (!c.passed) {
      ++failed;
      EXPECT_EQ(c.outcome, SelftestOutcome::kAllowed);
      EXPECT_EQ(c.detail, "HTTP 502");
    }
  }
  EXPECT_EQ(failed, 6);
  // A self-test run is not a policy change (serve would reload for nothing).
  EXPECT_EQ(store_->newestPolicyAuditId(school_).value(), policy_audit);
  EXPECT_EQ(store_->audit(school_, 1).value().front().action, "alert.raise");
}

TEST_F(SelftestTest, NothingToCheckIsAnErrorNotAPass) {
  ScriptedProber prober;
  FilterSelftest selftest(*store_, school_, clock_, prober);
  auto run = selftest.run("cli", "it");
  EXPECT_EQ(run.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(run.status().message(), HasSubstr("Self-test"));
}

}  // namespace
}  // namespace esafety::control

namespace esafety::control {
namespace {

// 2026-03-03 is a Tuesday; the school's clock one hour ahead of UTC (BST-like).
constexpr int64_t kNineUtc = 1772528400;  // 2026-03-03 09:00 UTC

LocalTime local(const char* text) { return LocalTime::parse(text).value(); }

TEST(SelftestDaily, DueOnceADayAtOrAfterItsTimeInLocalTime) {
  const int at = 7 * 60 + 30;
  // 07:29 local: not yet; 07:30: due when nothing ran; "off" never.
  EXPECT_FALSE(dailyRunDue(local("2026-03-03 07:29"), kNineUtc - 2 * 3600 + 29 * 60 - 3600, at, 0));
  EXPECT_TRUE(dailyRunDue(local("2026-03-03 07:30"), kNineUtc - 3600 - 30 * 60 - 3600, at, 0));
  EXPECT_FALSE(dailyRunDue(local("2026-03-03 12:00"), kNineUtc + 2 * 3600, -1, 0));
  // 10:00 local (09:00 UTC): ran at 07:30 local today (06:30 UTC): not again.
  const int64_t ran_today = kNineUtc - 2 * 3600 - 30 * 60;
  EXPECT_FALSE(dailyRunDue(local("2026-03-03 10:00"), kNineUtc, at, ran_today));
  // Ran yesterday at 23:30 local (22:30 UTC the day before): due today.
  const int64_t ran_yesterday = kNineUtc - 10 * 3600 - 30 * 60;
  EXPECT_TRUE(dailyRunDue(local("2026-03-03 10:00"), kNineUtc, at, ran_yesterday));
  // 00:30 local today is 23:30 UTC yesterday: a run then counts as today's.
  const int64_t ran_after_midnight = kNineUtc - 9 * 3600 - 30 * 60;
  EXPECT_FALSE(dailyRunDue(local("2026-03-03 10:00"), kNineUtc, at, ran_after_midnight));
}

}  // namespace
}  // namespace esafety::control
