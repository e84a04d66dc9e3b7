// When the mail sender tries a failed mail again: 30 seconds after the first
// failure, doubling each time, at most 30 minutes apart (30 s, 1, 2, 4, 8,
// 16, 30, 30, ... minutes): a relay that is down for a day costs about 55
// tries, and one back within a minute gets its mail within a minute.
//
//   int64_t next = now + mailRetryDelaySeconds(mail.attempts + 1);
//
// Thread safety: a pure function.
#pragma once

#include <cstdint>

namespace esafety::control {

inline constexpr int64_t kFirstMailRetrySeconds = 30;
inline constexpr int64_t kLongestMailRetrySeconds = 30 * 60;

// The wait after the `failures`-th failed try (1 for the first); 0 or less
// is treated as 1.
int64_t mailRetryDelaySeconds(int failures);

}  // namespace esafety::control
