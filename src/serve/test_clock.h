// TestClock: the time seam of `esafety serve --test-clock FILE`, FOR TESTS
// ONLY (issue 14: "the clock driven through the time seam"). It is the
// system clock moved on by the whole number of seconds written in FILE
// ("960" is 16 minutes ahead; a missing, empty or unreadable file is 0),
// read again at every call, so a test moves time by rewriting the file.
//
// It drives only the alert escalator (control/alert_escalator.h): when a
// mail goes out and when an unacknowledged alert escalates. Everything else
// (the proxy, sign-in sessions, the store's timestamps) keeps the system
// clock, so moving it cannot expire a test's sign-ins or reorder its events.
//
// Serve refuses the option unless ESAFETY_ALLOW_TEST_CLOCK=1 is in its
// environment (allowTestClock()), so it cannot be left on by a typo in a
// school's service file, and logs a warning while it is on.
//
// Thread safety: stateless but for the path; any thread.
#pragma once

#include <string>

#include "core/clock.h"

namespace esafety::serve {

class TestClock final : public Clock {
 public:
  explicit TestClock(std::string offset_file) : offset_file_(std::move(offset_file)) {}
  int64_t nowUnix() const override;
  int64_t nowUnixMs() const override;
  LocalTime localNow() const override;
  // The offset in seconds as the file says now.
  int64_t offsetSeconds() const;

 private:
  std::string offset_file_;
  SystemClock system_;
};

// OK when ESAFETY_ALLOW_TEST_CLOCK=1; kFailedPrecondition saying so otherwise.
Status allowTestClock();

}  // namespace esafety::serve
