#include "core/clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include <fmt/format.h>

namespace esafety {

int64_t daysFromCivil(int year, int month, int day) {
  using namespace std::chrono;
  const sys_days date{std::chrono::year{year} / month / day};
  return date.time_since_epoch().count();
}

namespace {

int weekdayFromDays(int64_t days) {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  int64_t w = (days + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

int daysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::string_view weekdayName(int weekday) {
  static const char* kNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return weekday >= 0 && weekday < 7 ? kNames[weekday] : "?";
}

Result<LocalTime> LocalTime::parse(std::string_view text) {
  LocalTime t;
  std::string s(text);
  int used = 0;
  auto bad_form = [&] {
    return invalidArgument(fmt::format("time '{}' is not in the form YYYY-MM-DD HH:MM", text));
  };
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d %2d:%2d%n", &t.year, &t.month, &t.day, &t.hour,
                  &t.minute, &used) != 5) {
    return bad_form();
  }
  t.second = 0;
  if (s[static_cast<size_t>(used)] == ':') {
    int more = 0;
    if (std::sscanf(s.c_str() + used, ":%2d%n", &t.second, &more) != 1) return bad_form();
    used += more;
  }
  if (static_cast<size_t>(used) != s.size()) return bad_form();
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > daysInMonth(t.year, t.month) ||
      t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 ||
      t.second > 59) {
    return invalidArgument(fmt::format("time '{}' is not a real date and time", text));
  }
  t.weekday = weekdayFromDays(daysFromCivil(t.year, t.month, t.day));
  return t;
}

LocalTime LocalTime::fromLocalEpochSeconds(int64_t seconds) {
  int64_t days = seconds / 86400;
  int64_t rem = seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  // civil_from_days (Hinnant).
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  LocalTime t;
  t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.year = static_cast<int>(yoe + era * 400 + (t.month <= 2));
  t.hour = static_cast<int>(rem / 3600);
  t.minute = static_cast<int>(rem % 3600 / 60);
  t.second = static_cast<int>(rem % 60);
  t.weekday = weekdayFromDays(days);
  return t;
}

std::string LocalTime::toString() const {
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02} ({})", year, month, day, hour, minute,
                     weekdayName(weekday));
}

int64_t SystemClock::nowUnix() const { return static_cast<int64_t>(std::time(nullptr)); }

int64_t SystemClock::nowUnixMs() const {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

LocalTime SystemClock::localNow() const {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return LocalTime::fromLocalEpochSeconds(static_cast<int64_t>(now) + tm.tm_gmtoff);
}

}  // namespace esafety
