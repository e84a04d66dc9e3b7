#include "policy/snapshot.h"

#include <gtest/gtest.h>

#include "policy/explanation.h"
#include "policy/policy_holder.h"
#include "policy/policy_test_fixture.h"

namespace esafety::policy {
namespace {

using namespace esafety::policy::testing;

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override { rebuild(testPolicy()); }

  void rebuild(PolicyData data) {
    auto snap = Snapshot::build(std::move(data), testIndex(), counters_);
    ASSERT_TRUE(snap) << snap.status().toString();
    snap_ = *snap;
  }

  Decision decide(const char* group, const char* url_text, const char* time = "2026-03-03 10:00",
                  AccountState account = {}) {
    const GroupPolicy* g = snap_->group(group);
    EXPECT_NE(g, nullptr) << group;
    url_ = *classify::normalizeUrl(url_text);
    time_ = at(time);
    return snap_->decide(*g, Target::forUrl(url_), time_, account, scratch_);
  }

  Explanation explainLast(const char* group, const Decision& d) {
    return explain(*snap_, *snap_->group(group), Target::forUrl(url_), time_, d, scratch_);
  }

  std::shared_ptr<StepCounters> counters_ = std::make_shared<StepCounters>();
  std::shared_ptr<const Snapshot> snap_;
  DecisionScratch scratch_;
  classify::NormalizedUrl url_;
  LocalTime time_;
};

TEST_F(SnapshotTest, Ks1IsBlockedFromAdultSitesAndTheExplanationNamesTheEntry) {
  Decision d = decide("KS1", "http://www.casino.example/roulette");
  EXPECT_EQ(d.verdict, Verdict::kBlock);
  EXPECT_EQ(d.step, StepId::kCategory);
  Explanation e = explainLast("KS1", d);
  ASSERT_TRUE(e.category);
  EXPECT_EQ(e.category->name, "gambling");
  ASSERT_TRUE(e.match);
  EXPECT_EQ(e.match->entry, "casino.example");
  EXPECT_EQ(e.match->file, "lists/gambling/domains");
  EXPECT_EQ(e.match->line, 2u);
  EXPECT_EQ(e.reason, "KS1 blocks gambling.");
  std::string text = e.toText();
  EXPECT_NE(text.find("lists/gambling/domains:2"), std::string::npos) << text;
  EXPECT_NE(e.toJson().find("\"verdict\": \"block\""), std::string::npos);
}

TEST_F(SnapshotTest, AllowListCategoryBeatsABlockedOne) {
  // adult.example is (wrongly) also on the educational list: KS1 follows the allow-list.
  EXPECT_EQ(decide("KS1", "http://adult.example/").verdict, Verdict::kAllow);
  // Staff has no allowed categories and blocks pornography.
  EXPECT_EQ(decide("Staff", "http://adult.example/").verdict, Verdict::kBlock);
}

TEST_F(SnapshotTest, UncategorisedFollowsTheGroupSetting) {
  Decision ks1 = decide("KS1", "http://unknown-site.example/");
  EXPECT_EQ(ks1.verdict, Verdict::kBlock);
  EXPECT_EQ(ks1.step, StepId::kUncategorised);
  Decision staff = decide("Staff", "http://unknown-site.example/");
  EXPECT_EQ(staff.verdict, Verdict::kAllow);
  EXPECT_EQ(staff.step, StepId::kDefault);
}

TEST_F(SnapshotTest, TimeRuleAllowsGamesAtLunchOnWeekdaysOnly) {
  // 2026-03-03 is a Tuesday.
  EXPECT_EQ(decide("KS2", "http://games.example/", "2026-03-03 11:59").verdict, Verdict::kBlock);
  Decision lunch = decide("KS2", "http://games.example/", "2026-03-03 12:15");
  EXPECT_EQ(lunch.verdict, Verdict::kAllow);
  EXPECT_EQ(lunch.step, StepId::kCategory);
  EXPECT_EQ(explainLast("KS2", lunch).time_rule.value_or(""), "Mon-Fri 12:00-13:00 allow games");
  EXPECT_EQ(decide("KS2", "http://games.example/", "2026-03-03 13:00").verdict, Verdict::kBlock);
  EXPECT_EQ(decide("KS2", "http://games.example/", "2026-03-07 12:15").verdict, Verdict::kBlock)
      << "Saturday";
  // A game that is also violent stays blocked at lunch.
  Decision violent = decide("KS2", "http://violent-game.example/", "2026-03-03 12:15");
  EXPECT_EQ(violent.verdict, Verdict::kBlock);
  EXPECT_EQ(explainLast("KS2", violent).category->name, "violence");
}

TEST_F(SnapshotTest, LocalEntriesWithTheMoreSpecificWinning) {
  PolicyData data = testPolicy();
  data.local_entries.push_back({1, "", "bitesize.example/quiz", Action::kBlock, "it.tech", 1772000000,
                                "Quiz answers leak"});
  data.local_entries.push_back({2, "KS1", "chat.example", Action::kAllow, "head", 1772000000,
                                "Class blog"});
  data.local_entries.push_back({3, "", "blog.example", Action::kBlock, "it.tech", 1772000000, "Spam"});
  data.local_entries.push_back({4, "", "good.blog.example", Action::kAllow, "it.tech", 1772000000,
                                "Our school blog"});
  rebuild(data);
  Decision deny = decide("KS1", "http://bitesize.example/quiz/1");
  EXPECT_EQ(deny.verdict, Verdict::kBlock);
  EXPECT_EQ(deny.step, StepId::kLocalDeny);
  Explanation e = explainLast("KS1", deny);
  ASSERT_TRUE(e.local_entry);
  EXPECT_EQ(e.local_entry->reason, "Quiz answers leak");
  EXPECT_EQ(decide("KS1", "http://bitesize.example/maths").verdict, Verdict::kAllow);
  // Group-specific allow applies to KS1 only.
  EXPECT_EQ(decide("KS1", "http://chat.example/").step, StepId::kLocalAllow);
  EXPECT_EQ(decide("KS2", "http://chat.example/").verdict, Verdict::kBlock);
  EXPECT_EQ(decide("Staff", "http://spam.blog.example/").step, StepId::kLocalDeny);
  EXPECT_EQ(decide("Staff", "http://good.blog.example/").step, StepId::kLocalAllow);
}

TEST_F(SnapshotTest, RestrictedGroupAndRestrictedAccountAllowOnlyTheAllowList) {
  EXPECT_EQ(decide("Restricted", "http://bitesize.example/").verdict, Verdict::kAllow);
  EXPECT_EQ(decide("Restricted", "http://unknown.example/").verdict, Verdict::kBlock);
  EXPECT_EQ(decide("Restricted", "http://games.example/").verdict, Verdict::kBlock);
  AccountState restricted;
  restricted.restricted = true;
  EXPECT_EQ(decide("Staff", "http://unknown.example/", "2026-03-03 10:00", restricted).verdict,
            Verdict::kBlock);
  EXPECT_EQ(decide("Staff", "http://bitesize.example/", "2026-03-03 10:00", restricted).verdict,
            Verdict::kAllow);
}

TEST_F(SnapshotTest, DeactivatedAccountIsBlockedEverywhere) {
  AccountState off;
  off.deactivated = true;
  Decision d = decide("Staff", "http://bitesize.example/", "2026-03-03 10:00", off);
  EXPECT_EQ(d.verdict, Verdict::kBlock);
  EXPECT_EQ(d.step, StepId::kAccount);
}

TEST_F(SnapshotTest, SafeSearchRewritesForPupilsNotStaff) {
  Decision ks2 = decide("KS2", "https://www.google.co.uk/search?q=cats");
  EXPECT_EQ(ks2.verdict, Verdict::kRewrite);
  EXPECT_EQ(ks2.rewrite_host, "forcesafesearch.google.com");
  EXPECT_EQ(ks2.step, StepId::kSafeSearch);
  EXPECT_EQ(decide("Staff", "https://www.google.co.uk/").verdict, Verdict::kAllow);
  EXPECT_EQ(decide("KS2", "https://www.youtube.com/watch?v=x").rewrite_host, "restrict.youtube.com");
}

TEST_F(SnapshotTest, HostOnlyDecisionsForConnectAndDns) {
  const GroupPolicy* ks1 = snap_->group("ks1");  // names are case-insensitive for people
  ASSERT_NE(ks1, nullptr);
  Decision d = snap_->decide(*ks1, Target::forHost("cdn.adult.example"), at("2026-03-03 10:00"), {},
                             scratch_);
  EXPECT_EQ(d.verdict, Verdict::kAllow);  // educational allow-list (see above)
  d = snap_->decide(*ks1, Target::forHost("casino.example"), at("2026-03-03 10:00"), {}, scratch_);
  EXPECT_EQ(d.verdict, Verdict::kBlock);
}

TEST_F(SnapshotTest, StepCountersCountEveryDecision) {
  uint64_t before = snap_->counters().hits(StepId::kUncategorised);
  decide("KS1", "http://a.example/");
  decide("KS1", "http://b.example/");
  EXPECT_EQ(snap_->counters().hits(StepId::kUncategorised), before + 2);
  // Counters survive a rebuild: they belong to the school, not the snapshot.
  rebuild(testPolicy());
  EXPECT_EQ(snap_->counters().hits(StepId::kUncategorised), before + 2);
}

TEST_F(SnapshotTest, TheProxysStepsAreCountedWithTheChain) {
  // Steps 9-11 act in the proxy after decide(); it counts them through the
  // snapshot, in the same counters /metrics shows for steps 1-8.
  snap_->countStep(StepId::kContent);
  snap_->countStep(StepId::kSearchTerm);
  snap_->countStep(StepId::kSearchTerm);
  EXPECT_EQ(snap_->counters().hits(StepId::kContent), 1u);
  EXPECT_EQ(snap_->counters().hits(StepId::kContentCut), 0u);
  EXPECT_EQ(snap_->counters().hits(StepId::kSearchTerm), 2u);
  rebuild(testPolicy());
  EXPECT_EQ(snap_->counters().hits(StepId::kSearchTerm), 2u);
}

TEST_F(SnapshotTest, AFindingExplainsTheBlockAfterTheChainAllowed) {
  Decision d = decide("KS2", "http://bitesize.example/page");
  ASSERT_EQ(d.verdict, Verdict::kAllow);
  Explanation e = explainFinding(*snap_, *snap_->group("KS2"), Target::forUrl(url_), time_, d,
                                 scratch_, {StepId::kContent, "violence", ""});
  EXPECT_EQ(e.verdict, Verdict::kBlock);
  EXPECT_EQ(e.step, StepId::kContent);
  ASSERT_TRUE(e.category);
  EXPECT_EQ(e.category->name, "violence");
  EXPECT_EQ(e.reason, "The page's own words scored over KS2's limit.");
  // The chain as it ran, then the proxy's checks in the order it runs them.
  ASSERT_EQ(e.steps.size(), kStepCount + kInspectionStepCount);
  EXPECT_EQ(e.steps[static_cast<size_t>(d.step) - 1], std::pair(d.step, std::string("decided")));
  EXPECT_EQ(e.steps[kStepCount], std::pair(StepId::kSearchTerm, std::string("passed")));
  EXPECT_EQ(e.steps[kStepCount + 1], std::pair(StepId::kContent, std::string("decided")));
  EXPECT_EQ(e.steps[kStepCount + 2], std::pair(StepId::kContentCut, std::string("not reached")));
  EXPECT_NE(e.toText().find("content:decided content-cut:not reached"), std::string::npos) << e.toText();
}

TEST_F(SnapshotTest, AFindingsOwnReasonIsTheOneGiven) {
  Decision d = decide("KS2", "http://www.google.co.uk/search?q=x");
  Explanation e = explainFinding(*snap_, *snap_->group("KS2"), Target::forUrl(url_), time_, d,
                                 scratch_, {StepId::kSearchTerm, "self-harm", "Words on a list."});
  EXPECT_EQ(e.reason, "Words on a list.");
  EXPECT_FALSE(e.rewrite_host);  // blocked, so not sent to the safe host
  EXPECT_EQ(e.steps[kStepCount], std::pair(StepId::kSearchTerm, std::string("decided")));
  EXPECT_EQ(e.steps[kStepCount + 1], std::pair(StepId::kContent, std::string("not reached")));
  // A check that blocks as a step of the chain (circumvention as a
  // category) reads as that step deciding.
  Explanation c = explainFinding(*snap_, *snap_->group("KS2"), Target::forUrl(url_), time_, d,
                                 scratch_, {StepId::kCategory, "circumvention", "No VPNs."});
  ASSERT_EQ(c.steps.size(), kStepCount);
  EXPECT_EQ(c.steps[static_cast<size_t>(StepId::kCategory) - 1].second, "decided");
  EXPECT_EQ(c.steps[kStepCount - 1].second, "not reached");
}

TEST_F(SnapshotTest, BuildRefusesGroupsThatAllowIllegalContent) {
  PolicyData data = testPolicy();
  data.groups[2].allowed_categories.insert("illegal");
  auto snap = Snapshot::build(data, testIndex(), counters_);
  ASSERT_FALSE(snap);
  EXPECT_EQ(snap.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(snap.status().message().find("illegal"), std::string::npos);

  data = testPolicy();
  data.groups[0].time_rules.push_back({"illegal", 0x7F, 0, 1439, Action::kAllow, ""});
  EXPECT_EQ(Snapshot::build(data, testIndex(), counters_).status().code(),
            StatusCode::kPermissionDenied);

  data = testPolicy();
  data.groups[0].blocked_categories.insert("no-such-category");
  EXPECT_EQ(Snapshot::build(data, testIndex(), counters_).status().code(),
            StatusCode::kInvalidArgument);
}

// The proof that no path allows an unoverridable category: every combination
// of group shape, local allow entries, time, account state and request form
// that the policy model can express (and that build() accepts) blocks the
// illegal test entries at step 1.
TEST_F(SnapshotTest, NoPathAllowsAnUnoverridableCategory) {
  const char* kIllegalTargets[] = {
      "http://iwf-test.example/", "https://sub.iwf-test.example/x?y=1", "http://forum.example/abuse",
      "http://forum.example/abuse/thread/9", "http://203.0.113.9/", "http://3405803785/"};
  const char* kTimes[] = {"2026-03-03 12:30", "2026-03-07 03:00"};
  const char* kAllowPatterns[] = {"iwf-test.example", "example", "forum.example",
                                  "forum.example/abuse", "203.0.113.0/24"};
  int decisions = 0;
  for (int shape = 0; shape < 64; ++shape) {
    PolicyData data = testPolicy();
    Group g;
    g.name = "Probe";
    g.allow_list_only = shape & 1;
    g.uncategorised = (shape & 2) ? Action::kBlock : Action::kAllow;
    g.safe_search = shape & 4;
    if (shape & 8) g.allowed_categories = {"educational", "games", "pornography"};
    if (shape & 16) g.blocked_categories = {"games"};
    if (shape & 32) {
      for (const auto& c : testCategories()) {
        if (!c.unoverridable) g.time_rules.push_back({c.name, 0x7F, 0, 24 * 60, Action::kAllow, ""});
      }
    }
    data.groups.push_back(g);
    int id = 1;
    for (const char* p : kAllowPatterns) {
      data.local_entries.push_back({id++, "", p, Action::kAllow, "attacker", 0, "try"});
      data.local_entries.push_back({id++, "Probe", p, Action::kAllow, "attacker", 0, "try"});
    }
    rebuild(data);
    for (const char* group : {"Probe", "KS1", "KS2", "Staff", "Restricted"}) {
      for (const char* target : kIllegalTargets) {
        for (const char* time : kTimes) {
          for (int acct = 0; acct < 4; ++acct) {
            AccountState a;
            a.restricted = acct & 1;
            a.aup_pending = acct & 2;
            Decision d = decide(group, target, time, a);
            ASSERT_EQ(d.verdict, Verdict::kBlock) << group << " " << target << " shape " << shape;
            ASSERT_EQ(d.step, StepId::kIllegal) << group << " " << target;
            ++decisions;
          }
        }
        // The host-only path (CONNECT, DNS) too.
        auto url = classify::normalizeUrl(target);
        Decision d = snap_->decide(*snap_->group(group), Target::forHost(url->host),
                                   at("2026-03-03 12:30"), {}, scratch_);
        if (url->host != "forum.example") {
          ASSERT_EQ(d.verdict, Verdict::kBlock) << target;
          ASSERT_EQ(d.step, StepId::kIllegal) << target;
        }
      }
    }
  }
  EXPECT_EQ(decisions, 64 * 5 * 6 * 2 * 4);
}

}  // namespace
}  // namespace esafety::policy

namespace esafety::policy {
namespace {

TEST(SnapshotIdentify, DevicesMapAddressesToGroupsAndUnknownsAreContained) {
  using namespace esafety::policy::testing;
  PolicyData data = testPolicy();
  Group unknown;
  unknown.name = "Unknown device";
  unknown.allow_list_only = true;
  data.groups.push_back(unknown);
  data.devices.push_back({1, "iPad 07", "ipad", "Year 1", "", "127.0.0.21", "KS1"});
  data.devices.push_back({2, "Staff laptop", "laptop", "Office", "", "::1", "Staff"});
  data.devices.push_back({3, "Broken", "laptop", "", "", "not-an-ip", "Staff"});
  auto snap = *Snapshot::build(data, testIndex(), nullptr);
  uint8_t ipad[4] = {127, 0, 0, 21};
  auto id = snap->identify(ipad);
  ASSERT_NE(id.device, nullptr);
  EXPECT_EQ(id.device->name, "iPad 07");
  EXPECT_EQ(id.group->config.name, "KS1");
  uint8_t mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 21};
  EXPECT_EQ(snap->identify(mapped).device->name, "iPad 07");
  uint8_t loopback6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  EXPECT_EQ(snap->identify(loopback6).group->config.name, "Staff");
  uint8_t stranger[4] = {127, 0, 0, 99};
  auto unknown_id = snap->identify(stranger);
  EXPECT_EQ(unknown_id.device, nullptr);
  EXPECT_EQ(unknown_id.group->config.name, "Unknown device");
  EXPECT_FALSE(snap->warnings().empty());  // the broken device address is reported
}

TEST(PolicyHolder, ReadersSeeEachPublishedSnapshot) {
  using namespace esafety::policy::testing;
  auto first = *Snapshot::build(testPolicy(), testIndex(), nullptr);
  PolicyHolder holder(first);
  SnapshotReader reader(holder);
  EXPECT_EQ(&reader.get(), first.get());
  auto second = *Snapshot::build(testPolicy(), testIndex(), nullptr);
  auto kept = reader.share();
  holder.publish(second);
  EXPECT_EQ(&reader.get(), second.get());
  EXPECT_EQ(kept.get(), first.get());  // a request in flight keeps its policy
}

}  // namespace
}  // namespace esafety::policy
