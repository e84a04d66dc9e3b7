#include "identity/login_throttle.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace esafety::identity {
namespace {

class LoginThrottleTest : public ::testing::Test {
 protected:
  void SetUp() override { clock_.setUnix(1772530200); }
  void advance(int64_t seconds) { clock_.setUnix(clock_.nowUnix() + seconds); }
  FakeClock clock_{LocalTime{}};
};

TEST_F(LoginThrottleTest, BacksOffExponentiallyAfterTheFreeAttempts) {
  // (The address's and the account's own counts kept out of the way.)
  LoginThrottle t(clock_, {.free_failures = 3,
                           .base_delay_s = 2,
                           .max_delay_s = 60,
                           .address = {.free_failures = 1000},
                           .account = {.free_failures = 1000}});
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
  EXPECT_EQ(t.size(), 1u);  // the address's count stays (see the next tests)
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

// Random logins from one address (each a new pair key) are slowed down by
// the address's own count, before any password is hashed.
TEST_F(LoginThrottleTest, ManyLoginsFromOneAddressAreThrottled) {
  LoginThrottle t(clock_, {.address = {.free_failures = 10, .base_delay_s = 2, .max_delay_s = 900}});
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(t.retryAfter("nobody" + std::to_string(i) + "@x", "10.0.0.9"), 0) << i;
    t.recordFailure("nobody" + std::to_string(i) + "@x", "10.0.0.9");
  }
  t.recordFailure("nobody10@x", "10.0.0.9");  // the 11th wrong try from this address
  Lockout l = t.lockout("someone-new@x", "10.0.0.9");
  EXPECT_EQ(l.seconds, 2);
  EXPECT_EQ(l.scope, LockoutScope::kAddress);
  EXPECT_EQ(lockoutMessage(l), "Too many wrong tries from this computer. Please wait 2 seconds, then try again.");
  EXPECT_EQ(t.retryAfter("someone-new@x", "10.0.0.10"), 0);  // another computer is not
  // A success of the guesser's own does not reset the address's count.
  t.recordSuccess("mine@x", "10.0.0.9");
  EXPECT_EQ(t.retryAfter("someone-new@x", "10.0.0.9"), 2);
}

// One account guessed from many addresses is slowed down across all of them,
// but only briefly: the owner is never locked out for long.
TEST_F(LoginThrottleTest, OneAccountFromManyAddressesIsThrottledBriefly) {
  LoginThrottle t(clock_, {.account = {.free_failures = 20, .base_delay_s = 2, .max_delay_s = 60}});
  for (int i = 0; i < 20; ++i) t.recordFailure("dsl@school.example", "10.1.0." + std::to_string(i));
  EXPECT_EQ(t.retryAfter("DSL@school.example", "10.9.9.9"), 0);  // 20 are free
  for (int i = 20; i < 40; ++i) t.recordFailure("dsl@school.example", "10.1.0." + std::to_string(i));
  Lockout l = t.lockout("dsl@school.example", "10.9.9.9");
  EXPECT_EQ(l.scope, LockoutScope::kLogin);
  EXPECT_EQ(l.seconds, 60);  // capped at a minute however long the attack
  EXPECT_EQ(t.retryAfter("teacher@school.example", "10.9.9.9"), 0);
  advance(60);
  EXPECT_EQ(t.retryAfter("dsl@school.example", "10.9.9.9"), 0);  // the DSL gets in
  t.recordSuccess("dsl@school.example", "10.9.9.9");
  t.recordFailure("dsl@school.example", "10.1.0.1");
  EXPECT_EQ(t.retryAfter("dsl@school.example", "10.9.9.9"), 0);  // the success cleared it
}

TEST_F(LoginThrottleTest, SafeFromManyThreads) {
  LoginThrottle t(clock_);
  std::vector<std::thread> threads;
  for (int n = 0; n < 4; ++n) {
    threads.emplace_back([&t, n] {
      for (int i = 0; i < 1000; ++i) {
        t.recordFailure("user" + std::to_string(i), "10.0.0." + std::to_string(n));
        (void)t.retryAfter("user" + std::to_string(i), "10.0.0.1");
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_GT(t.retryAfter("anyone", "10.0.0.1"), 0);
}

}  // namespace
}  // namespace esafety::identity
