#include "events/event_time.h"

#include <fmt/format.h>

#include <ctime>

#include "core/clock.h"

namespace esafety::events {

std::string formatEventTime(int64_t time_ms) {
  time_t seconds = static_cast<time_t>(time_ms >= 0 ? time_ms / 1000 : (time_ms - 999) / 1000);
  std::tm local{};
  if (localtime_r(&seconds, &local) == nullptr) return fmt::format("@{}", time_ms);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", local.tm_year + 1900, local.tm_mon + 1,
                     local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec);
}

Result<int64_t> parseEventTime(std::string_view text, DateOnly date_only) {
  bool just_date = text.size() == 10;
  auto parsed = LocalTime::parse(just_date ? std::string(text) + " 00:00" : std::string(text));
  if (!parsed) {
    return invalidArgument(fmt::format(
        "time '{}' is not in the form YYYY-MM-DD, YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS", text));
  }
  std::tm local{};
  local.tm_year = parsed->year - 1900;
  local.tm_mon = parsed->month - 1;
  local.tm_mday = parsed->day + (just_date && date_only == DateOnly::kEndOfDay ? 1 : 0);
  local.tm_hour = parsed->hour;
  local.tm_min = parsed->minute;
  local.tm_sec = parsed->second;
  local.tm_isdst = -1;  // let the zone say whether summer time applies
  time_t seconds = std::mktime(&local);
  if (seconds == static_cast<time_t>(-1)) {
    return invalidArgument(fmt::format("time '{}' does not exist in the local time zone", text));
  }
  return static_cast<int64_t>(seconds) * 1000;
}

}  // namespace esafety::events
