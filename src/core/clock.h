// Clock: the seam for time (STYLE.md §5). Production code asks a Clock for the
// time; tests hand in a FakeClock and set it, so "games allowed 12:00-13:00 on
// a Tuesday" is a unit test, not a wait.
//
//   FakeClock clock(LocalTime::parse("2026-03-03 12:15").value());
//   EXPECT_EQ(policy.decide(req, clock.localNow()).verdict, Verdict::kAllow);
//
// Thread safety: SystemClock is stateless. FakeClock is for single-threaded tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace esafety {

// A wall-clock time in the school's own time zone, as a timetable reads it.
struct LocalTime {
  int year = 1970, month = 1, day = 1;
  int hour = 0, minute = 0, second = 0;
  int weekday = 4;  // 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday)

  int minuteOfDay() const { return hour * 60 + minute; }
  // Parses "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" and fills in the weekday.
  static Result<LocalTime> parse(std::string_view text);
  // Builds from Unix seconds already shifted into local time.
  static LocalTime fromLocalEpochSeconds(int64_t seconds);
  std::string toString() const;  // "2026-03-03 12:15 (Tue)"
};

std::string_view weekdayName(int weekday);  // "Mon".."Sun"

// Days from 1970-01-01 to the date in the proleptic Gregorian calendar
// (negative before it); an out-of-range day counts on into the next month.
int64_t daysFromCivil(int year, int month, int day);

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch, UTC.
  virtual int64_t nowUnix() const = 0;
  // Milliseconds since the Unix epoch, UTC.
  virtual int64_t nowUnixMs() const { return nowUnix() * 1000; }
  // The same instant in the school's local time zone.
  virtual LocalTime localNow() const = 0;
};

// Reads the system clock and the process's time zone (TZ, /etc/localtime).
class SystemClock final : public Clock {
 public:
  int64_t nowUnix() const override;
  int64_t nowUnixMs() const override;
  LocalTime localNow() const override;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(LocalTime t) : local_(t) {}
  int64_t nowUnix() const override { return unix_; }
  LocalTime localNow() const override { return local_; }
  void set(LocalTime t) { local_ = t; }
  void setUnix(int64_t t) { unix_ = t; }

 private:
  LocalTime local_;
  int64_t unix_ = 0;
};

}  // namespace esafety
