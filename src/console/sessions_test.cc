#include "console/sessions.h"

#include <gtest/gtest.h>

#include <set>

namespace esafety::console {
namespace {

ConsoleSession staff(int64_t person, int64_t idle_s, int64_t expires_at) {
  ConsoleSession s;
  s.person = person;
  s.name = "Ms Example";
  s.role = identity::Role::kDsl;
  s.idle_s = idle_s;
  s.expires_at = expires_at;
  return s;
}

TEST(ConsoleSessions, IdsAndCsrfTokensAreLongRandomAndDistinct) {
  FakeClock clock{LocalTime{}};
  ConsoleSessions sessions(clock);
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const ConsoleSession& s = sessions.create(staff(i, 600, 100000));
    EXPECT_EQ(s.id.size(), 64u);
    EXPECT_EQ(s.csrf.size(), 64u);
    EXPECT_NE(s.id, s.csrf);
    EXPECT_TRUE(seen.insert(s.id).second);
    EXPECT_TRUE(seen.insert(s.csrf).second);
  }
}

TEST(ConsoleSessions, AnIdleSessionEndsButUseKeepsItAlive) {
  FakeClock clock{LocalTime{}};
  clock.setUnix(1000);
  ConsoleSessions sessions(clock);
  std::string id = sessions.create(staff(1, 600, 1000 + 8 * 3600)).id;
  clock.setUnix(1500);
  ASSERT_NE(sessions.find(id), nullptr) << "used after 500 s of 600";
  clock.setUnix(2000);
  ASSERT_NE(sessions.find(id), nullptr) << "the last use restarted the idle timer";
  clock.setUnix(2600);
  EXPECT_EQ(sessions.find(id), nullptr) << "600 s without use";
  EXPECT_EQ(sessions.find(id), nullptr) << "and it stays ended";
}

// A live page's stream asks whether its session stands at each heartbeat;
// that must not keep an unattended session alive.
TEST(ConsoleSessions, ALookThatDoesNotTouchLeavesTheIdleTimerRunning) {
  FakeClock clock{LocalTime{}};
  clock.setUnix(1000);
  ConsoleSessions sessions(clock);
  std::string id = sessions.create(staff(1, 600, 1000 + 8 * 3600)).id;
  clock.setUnix(1500);
  ASSERT_NE(sessions.find(id, /*touch=*/false), nullptr);
  clock.setUnix(1600);
  EXPECT_EQ(sessions.find(id, /*touch=*/false), nullptr) << "600 s since the last real use";
}

TEST(ConsoleSessions, TheHardLimitEndsABusySession) {
  FakeClock clock{LocalTime{}};
  clock.setUnix(0);
  ConsoleSessions sessions(clock);
  std::string id = sessions.create(staff(1, 600, 1000)).id;
  for (int t = 100; t < 1000; t += 100) {
    clock.setUnix(t);
    ASSERT_NE(sessions.find(id), nullptr) << t;
  }
  clock.setUnix(1000);
  EXPECT_EQ(sessions.find(id), nullptr);
}

TEST(ConsoleSessions, EndingOneOrAllOfAPersonsSessions) {
  FakeClock clock{LocalTime{}};
  ConsoleSessions sessions(clock);
  std::string a = sessions.create(staff(1, 600, 1000)).id;
  std::string b = sessions.create(staff(1, 600, 1000)).id;
  std::string c = sessions.create(staff(2, 600, 1000)).id;
  sessions.end(a);
  EXPECT_EQ(sessions.find(a), nullptr);
  EXPECT_NE(sessions.find(b), nullptr);
  sessions.endAllFor(1);
  EXPECT_EQ(sessions.find(b), nullptr);
  EXPECT_NE(sessions.find(c), nullptr);
  EXPECT_EQ(sessions.find("not-a-session"), nullptr);
}

// A session's account is re-checked only when the accounts generation moves
// (no read per request), and a changed account ends the session.
TEST(ConsoleSessions, AccountsAreReCheckedWhenTheGenerationMoves) {
  FakeClock clock{LocalTime{}};
  clock.setUnix(1000);
  ConsoleSessions sessions(clock);
  uint64_t generation = 5;
  int checks = 0;
  bool valid = true;
  sessions.watchAccounts([&] { return generation; },
                         [&](const ConsoleSession&) { ++checks; return valid; });
  ConsoleSession s = staff(1, 600, 100000);
  s.checked_generation = 5;
  std::string id = sessions.create(s).id;
  for (int i = 0; i < 3; ++i) ASSERT_NE(sessions.find(id), nullptr);
  EXPECT_EQ(checks, 0);
  generation = 6;  // something changed: checked once, then not again
  ASSERT_NE(sessions.find(id), nullptr);
  ASSERT_NE(sessions.find(id), nullptr);
  EXPECT_EQ(checks, 1);
  generation = 7;
  valid = false;  // deactivated, another role or a new password
  EXPECT_EQ(sessions.find(id), nullptr);
  valid = true;
  EXPECT_EQ(sessions.find(id), nullptr) << "ended, not suspended";
}

}  // namespace
}  // namespace esafety::console
