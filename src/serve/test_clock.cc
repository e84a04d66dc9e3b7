#include "serve/test_clock.h"

#include <charconv>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <string_view>

namespace esafety::serve {

int64_t TestClock::offsetSeconds() const {
  std::ifstream in(offset_file_);
  std::string text;
  if (!in || !std::getline(in, text)) return 0;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
  int64_t offset = 0;
  const char* begin = text.data();
  if (!text.empty() && text.front() == '+') ++begin;
  auto [end, ec] = std::from_chars(begin, text.data() + text.size(), offset);
  if (ec != std::errc() || end != text.data() + text.size()) return 0;
  return offset;
}

int64_t TestClock::nowUnix() const { return system_.nowUnix() + offsetSeconds(); }

int64_t TestClock::nowUnixMs() const { return system_.nowUnixMs() + offsetSeconds() * 1000; }

LocalTime TestClock::localNow() const {
  const std::time_t now = static_cast<std::time_t>(nowUnix());
  std::tm tm{};
  localtime_r(&now, &tm);
  return LocalTime::fromLocalEpochSeconds(static_cast<int64_t>(now) + tm.tm_gmtoff);
}

Status allowTestClock() {
  const char* allowed = std::getenv("ESAFETY_ALLOW_TEST_CLOCK");
  if (allowed != nullptr && std::string_view(allowed) == "1") return Status::ok();
  return failedPrecondition(
      "--test-clock is for tests only: set ESAFETY_ALLOW_TEST_CLOCK=1 in the environment to use it");
}

}  // namespace esafety::serve
