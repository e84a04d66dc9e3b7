// DeviceRestrictions and RestrictionPublisher over a real SQLite store: a
// pause or allow-list lands with its audit row (who, what, why), reaches the
// proxy's board at once through the publisher, ends by the clock (FakeClock)
// or when released, and a change made by another process (another store on
// the same file, as the CLI is) reaches the board at the next
// publishIfChanged().
#include "control/device_restrictions.h"

#include <gtest/gtest.h>

#include "store/sqlite/test_store.h"

namespace esafety::control {
namespace {

using policy::RestrictionVerdict;
using store::testing::StoreTest;

class DeviceRestrictionsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    clock_.setUnix(kStartTime);
    ESAFETY_ASSERT_OK(store_->saveGroup(school_, {.name = "KS2"}, "setup", "setup"));
    auto id = store_->addDevice(school_, {.name = "Oak iPad 1", .room = "Oak", .ip = "10.0.0.7", .group = "KS2"},
                                "setup");
    ASSERT_TRUE(id) << id.status().toString();
    device_ = *id;
  }

  RestrictionVerdict verdict(std::string_view host) {
    return policy::checkRestriction(board_.current()->find(device_), clock_.nowUnix(), host, "/");
  }

  int64_t device_ = 0;
  policy::RestrictionBoard board_;
};

TEST_F(DeviceRestrictionsTest, PauseReachesTheBoardAtOnceAndIsAudited) {
  RestrictionPublisher publisher(*store_, school_, clock_, board_);
  DeviceRestrictions rs(*store_, school_, clock_, &publisher);
  EXPECT_EQ(verdict("example.com"), RestrictionVerdict::kNone);
  auto made = rs.pause({.device = "oak ipad 1", .actor = "teacher@school", .reason = "off task"});
  ASSERT_TRUE(made) << made.status().toString();
  EXPECT_EQ(made->rule.until, kStartTime + 60 * 60);  // the default: an hour
  EXPECT_EQ(verdict("example.com"), RestrictionVerdict::kPaused);
  auto audit = store_->audit(school_, 1).value();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "restriction.pause");
  EXPECT_EQ(audit[0].actor, "teacher@school");
  EXPECT_EQ(audit[0].reason, "off task");
  EXPECT_EQ(audit[0].target, "Oak iPad 1");
}

TEST_F(DeviceRestrictionsTest, EndsByTheClock) {
  RestrictionPublisher publisher(*store_, school_, clock_, board_);
  DeviceRestrictions rs(*store_, school_, clock_, &publisher);
  ASSERT_TRUE(rs.pause({.device = "10.0.0.7", .minutes = 10, .actor = "t", .reason = "why"}));
  clock_.setUnix(kStartTime + 10 * 60 - 1);
  EXPECT_EQ(verdict("example.com"), RestrictionVerdict::kPaused);
  EXPECT_EQ(rs.active().value().size(), 1u);
  clock_.setUnix(kStartTime + 10 * 60);
  EXPECT_EQ(verdict("example.com"), RestrictionVerdict::kNone);
  EXPECT_TRUE(rs.active().value().empty());
}

TEST_F(DeviceRestrictionsTest, AllowListReplacesPauseAndReleaseEndsIt) {
  RestrictionPublisher publisher(*store_, school_, clock_, board_);
  DeviceRestrictions rs(*store_, school_, clock_, &publisher);
  ASSERT_TRUE(rs.pause({.device = "Oak iPad 1", .actor = "t", .reason = "why"}));
  auto made = rs.restrict({.device = "Oak iPad 1", .allow = "bbc.co.uk/bitesize", .minutes = 45,
                           .actor = "t", .reason = "maths"});
  ASSERT_TRUE(made) << made.status().toString();
  EXPECT_EQ(policy::checkRestriction(board_.current()->find(device_), clock_.nowUnix(), "www.bbc.co.uk",
                                     "/bitesize/x"),
            RestrictionVerdict::kAllowed);
  EXPECT_EQ(verdict("example.com"), RestrictionVerdict::kNotOnList);
  auto active = rs.active().value();
  ASSERT_EQ(active.size(), 1u);  // the pause was ended by the new one
  EXPECT_EQ(active[0].rule.kind, policy::RestrictionKind::kAllowList);
  EXPECT_EQ(active[0].room, "Oak");
  ESAFETY_ASSERT_OK(rs.release("Oak iPad 1", "t", "lesson over"));
  EXPECT_EQ(verdict("example.com"), RestrictionVerdict::kNone);
  EXPECT_EQ(store_->audit(school_, 1).value()[0].action, "restriction.end");
  EXPECT_EQ(rs.release("Oak iPad 1", "t", "again").code(), StatusCode::kNotFound);
}

TEST_F(DeviceRestrictionsTest, RefusesBadInputNamingTheField) {
  DeviceRestrictions rs(*store_, school_, clock_);
  const size_t before = store_->audit(school_, 1000).value().size();
  auto no_reason = rs.pause({.device = "Oak iPad 1", .actor = "t", .reason = " "});
  EXPECT_EQ(no_reason.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(rs.pause({.device = "Oak iPad 1", .minutes = 0, .actor = "t", .reason = "r"}).status().code(),
            StatusCode::kInvalidArgument);
  auto bad_list = rs.restrict({.device = "Oak iPad 1", .allow = "*.example", .actor = "t", .reason = "r"});
  ASSERT_FALSE(bad_list);
  EXPECT_NE(bad_list.status().message().find("allow:"), std::string::npos);
  EXPECT_EQ(rs.pause({.device = "Beech iPad", .actor = "t", .reason = "r"}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->audit(school_, 1000).value().size(), before);
}

TEST_F(DeviceRestrictionsTest, AnotherProcessesChangeArrivesOnThePoll) {
  RestrictionPublisher publisher(*store_, school_, clock_, board_);
  ESAFETY_ASSERT_OK(publisher.publish());
  EXPECT_FALSE(publisher.publishIfChanged().value());
  DeviceRestrictions cli(*store_, school_, clock_);  // no publisher: like the CLI
  ASSERT_TRUE(cli.pause({.device = "Oak iPad 1", .actor = "t", .reason = "r"}));
  EXPECT_EQ(verdict("example.com"), RestrictionVerdict::kNone);
  EXPECT_TRUE(publisher.publishIfChanged().value());
  EXPECT_EQ(verdict("example.com"), RestrictionVerdict::kPaused);
  // Restriction changes reload no policy.
  EXPECT_EQ(store_->newestPolicyAuditId(school_).value(),
            store_->audit(school_, 1000).value()[1].id);
}

TEST(MayRestrictDevice, TeachersOnlyTheirOwnRoom) {
  using identity::Role;
  policy::Device oak{.name = "Oak iPad 1", .room = "Oak"};
  EXPECT_TRUE(mayRestrictDevice(Role::kTeacher, "oak", oak));
  EXPECT_FALSE(mayRestrictDevice(Role::kTeacher, "Beech", oak));
  EXPECT_FALSE(mayRestrictDevice(Role::kTeacher, "", policy::Device{.name = "x"}));
  EXPECT_TRUE(mayRestrictDevice(Role::kDsl, "", oak));
  EXPECT_TRUE(mayRestrictDevice(Role::kItAdmin, "", oak));
  EXPECT_FALSE(mayRestrictDevice(Role::kGovernor, "Oak", oak));
  EXPECT_FALSE(mayRestrictDevice(Role::kPupil, "Oak", oak));
}

}  // namespace
}  // namespace esafety::control
