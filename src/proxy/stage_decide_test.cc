// identify and decide: who is asking, and what the policy says for them.
#include "proxy/stage_test_support.h"

namespace esafety::proxy {
namespace {

using testing::kKs1;
using testing::kKs2;
using testing::kStaff;
using testing::kStranger;

class DecideTest : public testing::StageTest {
 protected:
  // parse-target and identify, as the pipeline runs them.
  RequestContext& identified(http::verb method, std::string_view target, std::span<const uint8_t> from) {
    RequestContext& r = request(method, target, from);
    Outcome parsed = method == http::verb::connect ? parseConnectTarget(r) : parseHttpTarget(r);
    EXPECT_EQ(parsed.next, Next::kContinue);
    EXPECT_EQ(run(identify(r)).next, Next::kContinue);
    return r;
  }
};

TEST_F(DecideTest, IdentifyNamesTheDeviceAndItsGroupOnTheEvent) {
  RequestContext& r = identified(http::verb::get, "http://bitesize.example/", kKs1);
  ASSERT_NE(r.access.who.group, nullptr);
  EXPECT_EQ(r.access.who.group->config.name, "KS1");
  EXPECT_EQ(r.record.event().device_name.view(), "iPad 11");
  EXPECT_EQ(r.record.event().group.view(), "KS1");
}

TEST_F(DecideTest, AnUnregisteredAddressGetsTheUnknownDeviceGroup) {
  RequestContext& r = identified(http::verb::get, "http://bitesize.example/", kStranger);
  ASSERT_NE(r.access.who.group, nullptr);
  EXPECT_EQ(r.access.who.group->config.name, "Unknown device");
  EXPECT_EQ(r.record.event().device_id, 0);
}

TEST_F(DecideTest, TheDecisionGoesOnTheEventAndIsCounted) {
  uint64_t before = snapshot().counters().hits(policy::StepId::kCategory);
  RequestContext& r = identified(http::verb::get, "http://games.example/", kKs2);
  EXPECT_EQ(decide(r).next, Next::kContinue);
  EXPECT_EQ(r.decision.verdict, policy::Verdict::kBlock);
  EXPECT_EQ(r.decision.step, policy::StepId::kCategory);
  EXPECT_EQ(r.record.event().verdict, policy::Verdict::kBlock);
  EXPECT_EQ(r.record.event().category.view(), "games");
  EXPECT_EQ(snapshot().counters().hits(policy::StepId::kCategory), before + 1);
}

TEST_F(DecideTest, TheClockDecidesTimeRules) {
  clock_.set(policy::testing::at("2026-03-03 12:15"));  // KS2 may play games at lunchtime
  RequestContext& r = identified(http::verb::get, "http://games.example/", kKs2);
  ASSERT_EQ(decide(r).next, Next::kContinue);
  EXPECT_EQ(r.decision.verdict, policy::Verdict::kAllow);
}

TEST_F(DecideTest, ConnectIsDecidedOnTheHost) {
  RequestContext& r = identified(http::verb::connect, "casino.example:443", kStaff);
  ASSERT_EQ(decide(r).next, Next::kContinue);
  EXPECT_EQ(r.decision.verdict, policy::Verdict::kBlock);
  EXPECT_EQ(r.decide_target.url, nullptr);
}

TEST_F(DecideTest, ConnectToAPortTheSchoolDoesNotAllowIsRefused) {
  RequestContext& r = identified(http::verb::connect, "mail.example:25", kStaff);
  Outcome o = decide(r);
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_EQ(o.response->result(), http::status::forbidden);
  EXPECT_EQ(o.tally, Tally::kBlocked);
  EXPECT_EQ(body(o), "esafety: secure connections to port 25 are not allowed here\n");
  EXPECT_EQ(r.record.event().category.view(), "connect-port");
}

TEST_F(DecideTest, ASchoolWithNoGroupsRefusesRatherThanGuessing) {
  policy::PolicyData empty;
  holder_.publish(policy::Snapshot::build(empty, policy::testing::testIndex(), counters_, &clock_).value());
  RequestContext& r = identified(http::verb::get, "http://bitesize.example/", kKs2);
  ASSERT_EQ(r.access.who.group, nullptr);
  Outcome o = decide(r);
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_EQ(o.tally, Tally::kBadRequest);
  EXPECT_NE(body(o).find("no filter groups"), std::string::npos);
  EXPECT_EQ(r.record.event().verdict, policy::Verdict::kBlock);
}

}  // namespace
}  // namespace esafety::proxy
