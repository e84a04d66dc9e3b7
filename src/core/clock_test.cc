#include "core/clock.h"

#include <gtest/gtest.h>

namespace esafety {
namespace {

TEST(LocalTime, ParsesAndKnowsTheWeekday) {
  auto t = LocalTime::parse("2026-03-03 12:15");
  ASSERT_TRUE(t) << t.status().toString();
  EXPECT_EQ(t->weekday, 1);  // Tuesday
  EXPECT_EQ(t->minuteOfDay(), 12 * 60 + 15);
  EXPECT_EQ(t->toString(), "2026-03-03 12:15 (Tue)");
  EXPECT_EQ(LocalTime::parse("2024-02-29 00:00:30")->second, 30);
  EXPECT_EQ(LocalTime::parse("2026-11-28 09:00")->weekday, 5);  // Saturday
}

TEST(LocalTime, RejectsNonsenseWithAClearMessage) {
  for (const char* bad : {"", "tomorrow", "2026-02-29 10:00", "2026-13-01 10:00",
                          "2026-01-01 24:00", "2026-01-01 10:60", "2026-01-01 10:00 extra"}) {
    auto t = LocalTime::parse(bad);
    EXPECT_FALSE(t) << bad;
    if (!t) {
      EXPECT_NE(t.status().message().find(bad), std::string::npos) << t.status().message();
    }
  }
}

TEST(LocalTime, FromEpochSecondsMatchesTheCalendar) {
  LocalTime t = LocalTime::fromLocalEpochSeconds(0);
  EXPECT_EQ(t.toString(), "1970-01-01 00:00 (Thu)");
  t = LocalTime::fromLocalEpochSeconds(1772540100);  // 2026-03-03 12:15 UTC
  EXPECT_EQ(t.toString(), "2026-03-03 12:15 (Tue)");
}

TEST(FakeClock, IsTheSeamForTime) {
  FakeClock clock(*LocalTime::parse("2026-03-03 12:15"));
  clock.setUnix(1772540100);
  EXPECT_EQ(clock.nowUnix(), 1772540100);
  EXPECT_EQ(clock.localNow().hour, 12);
  clock.set(*LocalTime::parse("2026-03-03 13:00"));
  EXPECT_EQ(clock.localNow().hour, 13);
}

}  // namespace
}  // namespace esafety
