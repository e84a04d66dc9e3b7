// request checks: circumvention, the search's words, and safe search on the
// request itself. Run through runStages, as the session runs them.
#include "proxy/stage_test_support.h"

namespace esafety::proxy {
namespace {

using testing::kKs1;
using testing::kKs2;
using testing::kStaff;

class RequestChecksTest : public testing::StageTest {};

TEST_F(RequestChecksTest, ASearchOnAMonitoringListTheGroupBlocksGetsTheBlockPage) {
  RequestContext& r = request(http::verb::get, "http://www.google.co.uk/search?q=how+to+kill+myself", kKs2);
  Outcome o = run(runStages(r));
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_EQ(o.response->result(), http::status::forbidden);
  EXPECT_EQ(o.tally, Tally::kBlocked);
  EXPECT_TRUE(o.keep_alive);  // a GET without a body: the connection can carry on
  const events::Event& e = r.record.event();
  EXPECT_EQ(e.verdict, policy::Verdict::kBlock);
  EXPECT_EQ(e.step, policy::StepId::kSearchTerm);
  EXPECT_EQ(e.category.view(), "self-harm");
  EXPECT_NE(e.tags.view().find("self-harm"), std::string_view::npos);
  EXPECT_NE(body(o).find("self-harm list, which KS2 blocks searches for"), std::string::npos) << body(o);
}

// A child disclosing harm must reach help: level 5, tagged, never blocked,
// even with a blocked phrase beside it.
TEST_F(RequestChecksTest, ADisclosureIsTaggedAndNeverBlocked) {
  for (const char* q : {"my+teacher+touched+me", "my+dad+hits+me+how+to+kill+myself"}) {
    RequestContext& r = request(http::verb::get, std::string("http://www.bing.com/search?q=") + q, kKs2);
    Outcome o = run(runStages(r));
    EXPECT_EQ(o.next, Next::kForward) << q;
    EXPECT_NE(r.record.event().verdict, policy::Verdict::kBlock) << q;  // rewritten for safe search
    EXPECT_NE(r.record.event().tags.view().find("disclosure"), std::string_view::npos) << q;
  }
}

TEST_F(RequestChecksTest, AFilmTitleIsNotBlockedForKs2) {
  RequestContext& r = request(http::verb::get, "http://www.bing.com/search?q=suicide+squad+film+cast", kKs2);
  Outcome o = run(runStages(r));
  EXPECT_EQ(o.next, Next::kForward);
  EXPECT_EQ(r.record.event().tags.view(), "");
}

TEST_F(RequestChecksTest, AGroupThatDoesNotBlockSearchesIsTaggedAndGoesOn) {
  RequestContext& r = request(http::verb::get, "http://www.bing.com/search?q=how+to+kill+myself", kStaff);
  Outcome o = run(runStages(r));
  EXPECT_EQ(o.next, Next::kForward);
  EXPECT_EQ(r.record.event().verdict, policy::Verdict::kAllow);
  EXPECT_NE(r.record.event().tags.view().find("self-harm"), std::string_view::npos);
}

TEST_F(RequestChecksTest, SafeSearchIsEnforcedOnTheRequestAndSentToTheSafeHost) {
  RequestContext& r = request(http::verb::get, "http://www.google.co.uk/search?q=volcano&safe=off", kKs2,
                              {{http::field::host, "www.google.co.uk"}});
  Outcome o = run(runStages(r));
  ASSERT_EQ(o.next, Next::kForward);
  EXPECT_EQ(r.decision.verdict, policy::Verdict::kRewrite);
  EXPECT_EQ(r.forward.host, "forcesafesearch.google.com");
  EXPECT_EQ(r.forward.origin_target, "/search?q=volcano&safe=active");
  EXPECT_EQ(r.request.target(), "/search?q=volcano&safe=active");
  EXPECT_EQ(r.request[http::field::host], "www.google.co.uk");  // the Host header is kept
}

TEST_F(RequestChecksTest, StaffSearchesAreNotRewritten) {
  RequestContext& r = request(http::verb::get, "http://www.google.co.uk/search?q=volcano&safe=off", kStaff);
  ASSERT_EQ(run(runStages(r)).next, Next::kForward);
  EXPECT_EQ(r.forward.host, "www.google.co.uk");
  EXPECT_EQ(r.forward.origin_target, "/search?q=volcano&safe=off");
}

TEST_F(RequestChecksTest, ACircumventionConnectIsRefusedForAGroupThatBlocksIt) {
  RequestContext& r = request(http::verb::connect, "dns.google:443", kKs2);
  Outcome o = run(runStages(r));
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_EQ(o.response->result(), http::status::forbidden);
  EXPECT_EQ(o.tally, Tally::kBlocked);
  EXPECT_EQ(body(o), fmt::format("esafety blocked dns.google: KS2 blocks services that get round the "
                                 "school's filter (reference {})\n",
                                 r.record.reference()));
  EXPECT_EQ(r.record.event().category.view(), "circumvention");
  EXPECT_EQ(r.record.event().tags.view(), "circumvention;doh-resolver");
  EXPECT_EQ(stats_.circumvention_tagged.load(), 1u);
}

TEST_F(RequestChecksTest, ACircumventionConnectIsOnlyTaggedForAGroupThatAllowsIt) {
  RequestContext& r = request(http::verb::connect, "dns.google:443", kStaff);
  Outcome o = run(runStages(r));
  EXPECT_EQ(o.next, Next::kTunnel);
  EXPECT_EQ(r.record.event().verdict, policy::Verdict::kAllow);
  EXPECT_EQ(r.record.event().tags.view(), "circumvention;doh-resolver");
  EXPECT_EQ(stats_.circumvention_tagged.load(), 1u);
}

TEST_F(RequestChecksTest, WhatTheDecisionBlockedStaysTheDecisionsBlock) {
  RequestContext& r = request(http::verb::get, "http://casino.example/search?q=kill+myself", kKs2);
  Outcome o = run(runStages(r));
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_EQ(r.record.event().step, policy::StepId::kCategory);
  EXPECT_EQ(r.record.event().category.view(), "gambling");
}

TEST_F(RequestChecksTest, ASearchTheDecisionBlockedStillHasItsWordsTagged) {
  // KS1 blocks uncategorised sites, search engines among them: the decision
  // blocks the search before its words would, and its step stands, but the
  // words are still matched against the monitoring lists and tagged, so the
  // DSL hears of a KS1 self-harm search that was stopped first.
  RequestContext& r = request(http::verb::get, "http://www.google.co.uk/search?q=how+to+kill+myself", kKs1);
  Outcome o = run(runStages(r));
  ASSERT_EQ(o.next, Next::kRespond);
  const events::Event& e = r.record.event();
  EXPECT_EQ(e.verdict, policy::Verdict::kBlock);
  EXPECT_NE(e.step, policy::StepId::kSearchTerm);
  EXPECT_NE(e.tags.view().find("self-harm"), std::string_view::npos) << e.tags.view();
}

}  // namespace
}  // namespace esafety::proxy
