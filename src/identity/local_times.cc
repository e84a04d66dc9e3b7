#include "identity/local_times.h"

#include <fmt/format.h>

#include "identity/pupil_import.h"
#include "policy/model.h"

namespace esafety::identity {

Result<int64_t> todayAt(const Clock& clock, std::string_view hh_mm) {
  auto minute = policy::parseClockTime(hh_mm);
  if (!minute || *minute >= 24 * 60) {
    return invalidArgument(fmt::format("'{}' is not a time of day like 14:30", hh_mm));
  }
  const LocalTime now = clock.localNow();
  int64_t seconds_now = now.minuteOfDay() * 60 + now.second;
  int64_t until = clock.nowUnix() + int64_t{*minute} * 60 - seconds_now;
  if (until <= clock.nowUnix()) {
    return invalidArgument(fmt::format("{} has already passed today (it is {:02}:{:02})", hh_mm,
                                       now.hour, now.minute));
  }
  return until;
}

Result<int64_t> endOfDay(const Clock& clock, std::string_view date) {
  auto parsed = parseUkDate(date);
  if (!parsed) {
    return invalidArgument(fmt::format("'{}' is not a date like 2026-03-10", date));
  }
  int y = std::stoi(parsed->substr(0, 4)), m = std::stoi(parsed->substr(5, 2)),
      d = std::stoi(parsed->substr(8, 2));
  const LocalTime now = clock.localNow();
  int64_t days = daysFromCivil(y, m, d) - daysFromCivil(now.year, now.month, now.day);
  if (days < 0) return invalidArgument(fmt::format("{} is in the past", *parsed));
  int64_t seconds_now = now.minuteOfDay() * 60 + now.second;
  return clock.nowUnix() + (days + 1) * 86400 - seconds_now;
}

std::string formatLocal(const Clock& clock, int64_t unix) {
  if (unix == 0) return "-";
  const LocalTime now = clock.localNow();
  int64_t local_now =
      daysFromCivil(now.year, now.month, now.day) * 86400 + now.minuteOfDay() * 60 + now.second;
  LocalTime t = LocalTime::fromLocalEpochSeconds(local_now + (unix - clock.nowUnix()));
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute);
}

}  // namespace esafety::identity
