#include "identity/session_policy.h"

#include <gtest/gtest.h>

#include "core/clock.h"

namespace esafety::identity {
namespace {

TEST(SessionPolicyTest, VisitorSessionsExpire) {
  FakeClock clock(LocalTime{});
  clock.setUnix(1772530200);
  SessionLimits limits;
  int64_t expires = sessionExpiry(PersonKind::kVisitor, clock.nowUnix(), limits);
  EXPECT_EQ(expires, clock.nowUnix() + 120 * 60);
  clock.setUnix(expires - 1);
  EXPECT_FALSE(sessionExpired(expires, clock.nowUnix()));
  clock.setUnix(expires);
  EXPECT_TRUE(sessionExpired(expires, clock.nowUnix()));
  EXPECT_EQ(sessionExpiry(PersonKind::kStaff, 0, limits), 8 * 3600);
  EXPECT_EQ(sessionExpiry(PersonKind::kYearGroup, 0, limits), 90 * 60);
}

TEST(SessionPolicyTest, SettingsChangeTheLimitsWithinBounds) {
  SessionLimits limits;
  ASSERT_TRUE(applySessionSetting(limits, "identity.visitor_session_minutes", "30").isOk());
  EXPECT_EQ(sessionExpiry(PersonKind::kVisitor, 0, limits), 30 * 60);
  EXPECT_FALSE(applySessionSetting(limits, "identity.visitor_session_minutes", "2").isOk());
  EXPECT_FALSE(applySessionSetting(limits, "identity.visitor_session_minutes", "10x").isOk());
  EXPECT_FALSE(applySessionSetting(limits, "identity.nonsense", "30").isOk());
}

TEST(SessionPolicyTest, VisitorSecondsReplaceMinutesForVisitorsOnly) {
  SessionLimits limits;
  ASSERT_TRUE(applySessionSetting(limits, "identity.visitor_session_seconds", "20").isOk());
  EXPECT_EQ(sessionExpiry(PersonKind::kVisitor, 100, limits), 120);
  EXPECT_EQ(sessionExpiry(PersonKind::kYearGroup, 0, limits), 90 * 60);
  Status bad = applySessionSetting(limits, "identity.visitor_session_seconds", "5");
  EXPECT_NE(bad.message().find("10 to 3600"), std::string::npos) << bad.message();
}

}  // namespace
}  // namespace esafety::identity
