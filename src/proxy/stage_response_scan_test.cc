// response scan: the verdict on a page the phrase scanner read as it was
// relayed, and what the request's event and counters then say.
#include "inspect/test_phrases.h"
#include "proxy/request_exit.h"
#include "proxy/stage_test_support.h"

namespace esafety::proxy {
namespace {

using testing::kKs2;

const char* kLists =
    "#listcategory: \"Pornography\"\n"
    "< porn ><60>\n"
    "#listcategory: \"Violence\"\n"
    "< gore ><30>\n";

class ResponseScanTest : public testing::StageTest {
 protected:
  // A request KS2 was allowed to make, as act leaves it.
  RequestContext& forwarded() {
    RequestContext& r = request(http::verb::get, "http://bitesize.example/page", kKs2);
    EXPECT_EQ(run(runStages(r)).next, Next::kForward);
    return r;
  }
  // A page as the relay read it.
  std::unique_ptr<inspect::PageInspector> scanned(std::string_view html) {
    static auto db = inspect::testing::compilePhrases(kLists, "< banned words >\n");
    inspect::PageInspectorOptions options;
    options.content_type = "text/html";
    auto page = std::make_unique<inspect::PageInspector>(db, options);
    page->feed(html);
    page->finish();
    return page;
  }
  ScanReport report(const inspect::PageInspector& page, ScanOutcome outcome, uint64_t sent) {
    ScanReport r;
    r.relayed.outcome = outcome;
    r.relayed.bytes = sent;
    r.page = &page;
    r.limit = 50;
    r.status = 200;
    r.bytes_in = 120;
    r.keep_alive = true;
    return r;
  }
};

TEST_F(ResponseScanTest, APagePassedKeepsTheConnectionAndRecordsItsScores) {
  RequestContext& r = forwarded();
  auto page = scanned("<p>some gore here</p>");
  Outcome o = judgeScan(r, report(*page, ScanOutcome::kPassed, 900));
  ASSERT_EQ(o.next, Next::kDone);
  EXPECT_TRUE(o.keep_alive);
  EXPECT_EQ(o.status, 200);
  EXPECT_EQ(o.bytes_in, 120u);
  EXPECT_EQ(o.bytes_out, 900u);
  EXPECT_EQ(r.record.event().scores.view(), "violence=30");
  EXPECT_EQ(r.record.event().verdict, policy::Verdict::kAllow);
  EXPECT_EQ(stats_.pages_scanned.load(), 1u);
}

TEST_F(ResponseScanTest, OverTheLimitBeforeAnythingWasSentGetsTheBlockPage) {
  RequestContext& r = forwarded();
  auto page = scanned("<p>porn and more gore</p>");
  Outcome o = judgeScan(r, report(*page, ScanOutcome::kBlocked, 0));
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_EQ(o.response->result(), http::status::forbidden);
  EXPECT_EQ(o.tally, Tally::kBlocked);
  EXPECT_EQ(r.record.event().step, policy::StepId::kContent);
  EXPECT_EQ(r.record.event().category.view(), "pornography");
  EXPECT_NE(body(o).find("scored 90 (pornography 60), over KS2&#39;s limit of 50"), std::string::npos)
      << body(o);
}

TEST_F(ResponseScanTest, ABannedPhraseSaysSo) {
  RequestContext& r = forwarded();
  auto page = scanned("<p>banned words</p>");
  Outcome o = judgeScan(r, report(*page, ScanOutcome::kBlocked, 0));
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_NE(body(o).find("a phrase on the banned list"), std::string::npos) << body(o);
}

TEST_F(ResponseScanTest, OverTheLimitAfterPartWasSentCutsTheConnection) {
  RequestContext& r = forwarded();
  auto page = scanned("<p>porn</p>");
  Outcome o = judgeScan(r, report(*page, ScanOutcome::kCut, 300000));
  ASSERT_EQ(o.next, Next::kDone);
  EXPECT_FALSE(o.keep_alive);
  EXPECT_EQ(o.tally, Tally::kBlocked);
  EXPECT_EQ(o.bytes_out, 300000u);
  EXPECT_EQ(r.record.event().step, policy::StepId::kContentCut);
  EXPECT_EQ(r.record.event().verdict, policy::Verdict::kBlock);
}

TEST_F(ResponseScanTest, TheSiteFailingMidPageIsAnUpstreamErrorAndTheClientGoingAwayIsNot) {
  RequestContext& r = forwarded();
  auto page = scanned("<p>hello</p>");
  Outcome failed = judgeScan(r, report(*page, ScanOutcome::kInputFailed, 10));
  EXPECT_EQ(failed.next, Next::kDone);
  EXPECT_EQ(failed.tally, Tally::kUpstreamError);
  EXPECT_FALSE(failed.keep_alive);
  Outcome gone = judgeScan(r, report(*page, ScanOutcome::kOutputFailed, 10));
  EXPECT_EQ(gone.tally, Tally::kNone);
  EXPECT_FALSE(gone.keep_alive);
}

TEST_F(ResponseScanTest, TheExitCountsTheInspectionStepsInTheDecisionChain) {
  const policy::Snapshot& snap = snapshot();
  RequestContext& r = forwarded();
  auto page = scanned("<p>porn</p>");
  Outcome cut = judgeScan(r, report(*page, ScanOutcome::kCut, 10));
  countEnding(shared_, cut.tally, r.record.event(), r.snapshot.get());
  EXPECT_EQ(snap.counters().hits(policy::StepId::kContentCut), 1u);
  EXPECT_EQ(snap.counters().hits(policy::StepId::kContent), 0u);
  EXPECT_EQ(stats_.pages_cut_by_score.load(), 1u);
  EXPECT_EQ(stats_.blocked.load(), 1u);

  RequestContext& search = request(http::verb::get, "http://www.bing.com/search?q=kill+myself", kKs2);
  Outcome blocked = run(runStages(search));
  countEnding(shared_, blocked.tally, search.record.event(), search.snapshot.get());
  EXPECT_EQ(snap.counters().hits(policy::StepId::kSearchTerm), 1u);
  EXPECT_EQ(stats_.searches_blocked.load(), 1u);

  // Circumvention blocks as the category step: counted as blocked, not as a
  // step of its own.
  RequestContext& doh = request(http::verb::connect, "dns.google:443", kKs2);
  Outcome refused = run(runStages(doh));
  uint64_t category_before = snap.counters().hits(policy::StepId::kCategory);
  countEnding(shared_, refused.tally, doh.record.event(), doh.snapshot.get());
  EXPECT_EQ(snap.counters().hits(policy::StepId::kCategory), category_before);
  EXPECT_EQ(stats_.blocked.load(), 3u);
}

}  // namespace
}  // namespace esafety::proxy
