#include "identity/login_throttle.h"

#include <gtest/gtest.h>

namespace esafety::identity {
namespace {

class LoginThrottleTest : public ::testing::Test {
 protected:
  void SetUp() override { clock_.setUnix(1772530200); }
  void advance(int64_t seconds) { clock_.setUnix(clock_.nowUnix() + seconds); }
  FakeClock clock_{LocalTime{}};
};

TEST_F(LoginThrottleTest, BacksOffExponentiallyAfterTheFreeAttempts) {
  LoginThrottle t(clock_, {.free_failures = 3, .base_delay_s = 2, .max_delay_s = 60});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(t.retryAfter("year3", "10.0.0.5"), 0);
    t.recordFailure("year3", "10.0.0.5");
  }
  EXPECT_EQ(t.retryAfter("year3", "10.0.0.5"), 0);  // three mistakes cost nothing
  t.recordFailure("year3", "10.0.0.5");             // 4th: 2 s
  EXPECT_EQ(t.retryAfter("year3", "10.0.0.5"), 2);
  advance(1);
  EXPECT_EQ(t.retryAfter("year3", "10.0.0.5"), 1);
  advance(1);
  EXPECT_EQ(t.retryAfter("year3", "10.0.0.5"), 0);
  t.recordFailure("year3", "10.0.0.5");  // 5th: 4 s
  EXPECT_EQ(t.retryAfter("year3", "10.0.0.5"), 4);
  t.recordFailure("year3", "10.0.0.5");  // 6th: 8 s
  EXPECT_EQ(t.retryAfter("year3", "10.0.0.5"), 8);
  for (int i = 0; i < 10; ++i) t.recordFailure("year3", "10.0.0.5");
  EXPECT_EQ(t.retryAfter("year3", "10.0.0.5"), 60);  // capped
}

TEST_F(LoginThrottleTest, KeyedByAccountAndAddressTogether) {
  LoginThrottle t(clock_, {.free_failures = 0, .base_delay_s = 5});
  t.recordFailure("Year3", "10.0.0.5");
  EXPECT_EQ(t.retryAfter("year3", "10.0.0.5"), 5);  // logins ignore case
  EXPECT_EQ(t.retryAfter("year3", "10.0.0.6"), 0);  // another iPad is not locked out
  EXPECT_EQ(t.retryAfter("year4", "10.0.0.5"), 0);
}

TEST_F(LoginThrottleTest, SuccessClearsAndQuietKeysAreForgotten) {
  LoginThrottle t(clock_, {.free_failures = 0, .base_delay_s = 5, .forget_after_s = 600});
  t.recordFailure("a", "ip");
  t.recordSuccess("a", "ip");
  EXPECT_EQ(t.retryAfter("a", "ip"), 0);
  EXPECT_EQ(t.size(), 0u);
  t.recordFailure("a", "ip");
  t.recordFailure("a", "ip");
  EXPECT_EQ(t.retryAfter("a", "ip"), 10);
  advance(600);
  EXPECT_EQ(t.retryAfter("a", "ip"), 0);
  t.recordFailure("a", "ip");  // starts afresh: the first failure again
  EXPECT_EQ(t.retryAfter("a", "ip"), 5);
}

TEST_F(LoginThrottleTest, MemoryStaysBounded) {
  LoginThrottle t(clock_, {.max_keys = 100});
  for (int i = 0; i < 1000; ++i) {
    t.recordFailure("user" + std::to_string(i), "ip");
    advance(1);
  }
  EXPECT_LE(t.size(), 100u);
  // The newest key is still remembered.
  for (int i = 0; i < 5; ++i) t.recordFailure("user999", "ip");
  EXPECT_GT(t.retryAfter("user999", "ip"), 0);
}

}  // namespace
}  // namespace esafety::identity
