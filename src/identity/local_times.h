// Turning what a teacher types ("until 14:30", "until 2026-03-10") into Unix
// seconds, from the Clock's local time and Unix time together, so the
// school's time zone (and summer time) comes from the one place it is known.
//
//   auto until = todayAt(clock, "14:30");       // kInvalidArgument once 14:30 has passed
//   auto end = endOfDay(clock, "2026-03-10");    // 23:59:59 that day, + 1 s
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"

namespace esafety::identity {

// Today at HH:MM, local time. kInvalidArgument for a bad time or one that
// has already passed.
Result<int64_t> todayAt(const Clock& clock, std::string_view hh_mm);

// The end of the local day YYYY-MM-DD (the first second of the next day).
// kInvalidArgument for a bad date or one before today.
Result<int64_t> endOfDay(const Clock& clock, std::string_view date);

// `unix` in the school's local time, "2026-03-03 10:30", for people reading
// a list; 0 prints as "-".
std::string formatLocal(const Clock& clock, int64_t unix);

}  // namespace esafety::identity
