#include "identity/session_policy.h"

#include <fmt/format.h>

#include <charconv>

namespace esafety::identity {

Status applySessionSetting(SessionLimits& limits, std::string_view key, std::string_view value) {
  if (key == "identity.visitor_session_seconds") {
    int64_t seconds = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec != std::errc() || end != value.data() + value.size() || seconds < 10 || seconds > 3600) {
      return invalidArgument(
          fmt::format("{} must be a number of seconds from 10 to 3600, not '{}'", key, value));
    }
    limits.visitor_seconds = seconds;
    return Status::ok();
  }
  int64_t* target = nullptr;
  if (key == "identity.visitor_session_minutes") target = &limits.visitor_minutes;
  if (key == "identity.year_group_session_minutes") target = &limits.year_group_minutes;
  if (key == "identity.staff_session_minutes") target = &limits.staff_minutes;
  if (target == nullptr) return invalidArgument(fmt::format("'{}' is not a session setting", key));
  int64_t minutes = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), minutes);
  if (ec != std::errc() || end != value.data() + value.size() || minutes < 5 || minutes > 1440) {
    return invalidArgument(
        fmt::format("{} must be a number of minutes from 5 to 1440, not '{}'", key, value));
  }
  *target = minutes;
  return Status::ok();
}

int64_t sessionExpiry(PersonKind kind, int64_t started_at, const SessionLimits& limits) {
  if (kind == PersonKind::kVisitor && limits.visitor_seconds > 0) {
    return started_at + limits.visitor_seconds;
  }
  int64_t minutes = limits.staff_minutes;
  if (kind == PersonKind::kVisitor) minutes = limits.visitor_minutes;
  if (kind == PersonKind::kYearGroup || kind == PersonKind::kPupil) {
    minutes = limits.year_group_minutes;
  }
  return started_at + minutes * 60;
}

}  // namespace esafety::identity
