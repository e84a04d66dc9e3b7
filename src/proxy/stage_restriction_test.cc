// restriction: a teacher's pause or lesson allow-list meets the device's
// next request, over HTTP and CONNECT, and nobody else's.
#include "proxy/stage_test_support.h"

namespace esafety::proxy {
namespace {

using testing::kKs2;
using testing::kStaff;

constexpr int64_t kNow = 1772532000;

class RestrictionStageTest : public testing::StageTest {
 protected:
  RestrictionStageTest() {
    clock_.setUnix(kNow);
    shared_.restrictions = &board_;
  }
  // iPad 21 (kKs2) is device 2.
  void restrictIpad21(policy::RestrictionKind kind, std::string_view allow = "") {
    policy::DeviceRestriction r{.device_id = 2, .kind = kind, .until = kNow + 3600};
    if (!allow.empty()) r.allow = policy::parseAllowList(allow).value();
    board_.publish(policy::RestrictionSet::of({r}));
  }
  policy::RestrictionBoard board_;
};

TEST_F(RestrictionStageTest, APausedDeviceGetsThePausedPageOnItsNextRequest) {
  RequestContext& before = request(http::verb::get, "http://bitesize.example/maths", kKs2);
  EXPECT_NE(run(runStages(before)).next, Next::kRespond);
  restrictIpad21(policy::RestrictionKind::kPause);
  RequestContext& r = request(http::verb::get, "http://bitesize.example/maths", kKs2);
  Outcome o = run(runStages(r));
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_EQ(o.response->result(), http::status::forbidden);
  EXPECT_EQ(o.tally, Tally::kBlocked);
  EXPECT_NE(body(o).find("Paused by your teacher"), std::string::npos);
  EXPECT_EQ(r.record.event().verdict, policy::Verdict::kBlock);
  EXPECT_EQ(r.record.event().category.view(), "paused");
  // CONNECT, not inspected here: a plain 403.
  Outcome c = run(runStages(request(http::verb::connect, "bitesize.example:443", kKs2)));
  ASSERT_EQ(c.next, Next::kRespond);
  EXPECT_EQ(c.response->result(), http::status::forbidden);
  EXPECT_NE(body(c).find("paused"), std::string::npos);
  // Another device browses as before.
  EXPECT_NE(run(runStages(request(http::verb::get, "http://bitesize.example/", kStaff))).next, Next::kRespond);
}

TEST_F(RestrictionStageTest, AnAllowListLetsOnlyTheLessonsSitesThrough) {
  restrictIpad21(policy::RestrictionKind::kAllowList, "bitesize.example/maths");
  EXPECT_EQ(run(runStages(request(http::verb::get, "http://www.bitesize.example/maths/1", kKs2))).next,
            Next::kForward);
  RequestContext& other = request(http::verb::get, "http://bitesize.example/english", kKs2);
  Outcome o = run(runStages(other));
  ASSERT_EQ(o.next, Next::kRespond);
  EXPECT_NE(body(o).find("Only the lesson&#39;s sites now"), std::string::npos);
  EXPECT_NE(body(o).find("bitesize.example/maths"), std::string::npos);
  EXPECT_EQ(other.record.event().category.view(), "lesson-only");
  // CONNECT sees only the host: the listed host tunnels, another is refused.
  EXPECT_EQ(run(runStages(request(http::verb::connect, "bitesize.example:443", kKs2))).next, Next::kTunnel);
  EXPECT_EQ(run(runStages(request(http::verb::connect, "news.example:443", kKs2))).next, Next::kRespond);
}

TEST_F(RestrictionStageTest, EndsByTheClockWithoutAPublish) {
  restrictIpad21(policy::RestrictionKind::kPause);
  clock_.setUnix(kNow + 3600);
  EXPECT_NE(run(runStages(request(http::verb::get, "http://bitesize.example/", kKs2))).next, Next::kRespond);
}

}  // namespace
}  // namespace esafety::proxy
