#include "policy/model.h"

#include <gtest/gtest.h>

#include "core/clock.h"

namespace esafety::policy {
namespace {

TEST(TimeRule, WeekdayLunchtime) {
  TimeRule lunch{"games", 0x1F, 12 * 60, 13 * 60, Action::kAllow, ""};
  // Under a fake clock: Tuesday 2026-03-03.
  FakeClock clock(LocalTime::parse("2026-03-03 12:15").value());
  LocalTime t = clock.localNow();
  EXPECT_EQ(t.weekday, 1);
  EXPECT_TRUE(lunch.appliesAt(t.weekday, t.minuteOfDay()));
  clock.set(LocalTime::parse("2026-03-03 13:00").value());
  EXPECT_FALSE(lunch.appliesAt(clock.localNow().weekday, clock.localNow().minuteOfDay()));
  clock.set(LocalTime::parse("2026-03-03 11:59").value());
  EXPECT_FALSE(lunch.appliesAt(clock.localNow().weekday, clock.localNow().minuteOfDay()));
  clock.set(LocalTime::parse("2026-03-08 12:30").value());  // Sunday
  EXPECT_FALSE(lunch.appliesAt(clock.localNow().weekday, clock.localNow().minuteOfDay()));
  EXPECT_EQ(lunch.describe(), "Mon-Fri 12:00-13:00 allow games");
}

TEST(TimeRule, PastMidnightBelongsToTheDayItStarted) {
  TimeRule night{"social-networking", 1 << 4, 22 * 60, 6 * 60, Action::kBlock, ""};  // Friday night
  EXPECT_TRUE(night.appliesAt(4, 23 * 60));   // Friday 23:00
  EXPECT_TRUE(night.appliesAt(5, 5 * 60));    // Saturday 05:00
  EXPECT_FALSE(night.appliesAt(5, 23 * 60));  // Saturday 23:00
  EXPECT_FALSE(night.appliesAt(4, 5 * 60));   // Friday 05:00 (Thursday night)
  EXPECT_EQ(night.describe(), "Fri 22:00-06:00 block social-networking");
}

TEST(TimeRuleText, DaysAndClockTimes) {
  EXPECT_EQ(parseDays("Mon-Fri"), 0x1F);
  EXPECT_EQ(parseDays("sat,sun"), 0x60);
  EXPECT_EQ(parseDays("Fri-Mon"), 0x1 | 0x10 | 0x20 | 0x40);
  EXPECT_EQ(parseDays("every day"), 0x7F);
  EXPECT_EQ(parseDays("Tuesday"), 0x2);
  EXPECT_FALSE(parseDays("Funday"));
  EXPECT_FALSE(parseDays(""));
  EXPECT_EQ(parseClockTime("12:00"), 720);
  EXPECT_EQ(parseClockTime("9:05"), 545);
  EXPECT_EQ(parseClockTime("24:00"), 1440);
  EXPECT_FALSE(parseClockTime("24:01"));
  EXPECT_FALSE(parseClockTime("12:60"));
  EXPECT_FALSE(parseClockTime("noon"));
  EXPECT_FALSE(parseClockTime("1200"));
}

TEST(PupilGroups, KnownByName) {
  EXPECT_TRUE(isPupilGroup("KS1"));
  EXPECT_TRUE(isPupilGroup("ks2"));
  EXPECT_TRUE(isPupilGroup("Year 5"));
  EXPECT_TRUE(isPupilGroup("Reception"));
  EXPECT_FALSE(isPupilGroup("Staff"));
  EXPECT_FALSE(isPupilGroup("Visitor"));
  EXPECT_FALSE(isPupilGroup("K"));
}

TEST(Action, ParsesBothWords) {
  EXPECT_EQ(parseAction("allow"), Action::kAllow);
  EXPECT_EQ(parseAction("block"), Action::kBlock);
  EXPECT_FALSE(parseAction("maybe"));
  EXPECT_EQ(actionName(Action::kBlock), "block");
}

}  // namespace
}  // namespace esafety::policy
