// Event times as people read and type them: local wall-clock time in the
// process's time zone (TZ, /etc/localtime), as the school's timetable reads.
//
//   formatEventTime(1772540102123)                   // "2026-03-03 12:15:02"
//   parseEventTime("2026-03-03 12:15", kStart)       // Unix ms at 12:15:00 local
//   parseEventTime("2026-03-03", kEndOfDay)          // Unix ms at 2026-03-04 00:00 local
//
// Thread safety: safe from any thread (localtime_r, mktime); tests set TZ.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace esafety::events {

// "YYYY-MM-DD HH:MM:SS" in local time.
std::string formatEventTime(int64_t time_ms);

enum class DateOnly {
  kStartOfDay,  // "2026-03-03" is 00:00 that day (for --from)
  kEndOfDay,    // "2026-03-03" is 00:00 the next day (for an exclusive --to)
};
// Accepts "YYYY-MM-DD", "YYYY-MM-DD HH:MM" and "YYYY-MM-DD HH:MM:SS" (local
// time); kInvalidArgument, naming the expected form, for anything else.
Result<int64_t> parseEventTime(std::string_view text, DateOnly date_only);

}  // namespace esafety::events
