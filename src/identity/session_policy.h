// How long a sign-in lasts, by kind of login. Visitor sessions are short
// (the visitor login is shared and its password is handed out at the
// office); staff sessions last a working day; year-group logins a lesson.
// The captive portal and the console (later) bind a session with these.
//
//   SessionLimits limits = sessionLimitsFrom(settings);   // or the defaults
//   int64_t expires = sessionExpiry(PersonKind::kVisitor, now, limits);
//   if (sessionExpired(expires, clock.nowUnix())) signInAgain();
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/status.h"
#include "identity/model.h"

namespace esafety::identity {

struct SessionLimits {
  int64_t visitor_minutes = 120;
  int64_t year_group_minutes = 90;
  int64_t staff_minutes = 8 * 60;
  // "identity.visitor_session_seconds" (10..3600), when set, replaces
  // visitor_minutes: very short visitor sessions, for tests and demonstrations.
  int64_t visitor_seconds = 0;
};

// The settings that override the defaults ("identity.visitor_session_minutes"
// and friends): each 5..1440 minutes, or identity.visitor_session_seconds
// 10..3600; kInvalidArgument naming the key otherwise.
Status applySessionSetting(SessionLimits& limits, std::string_view key, std::string_view value);

int64_t sessionExpiry(PersonKind kind, int64_t started_at, const SessionLimits& limits);
inline bool sessionExpired(int64_t expires_at, int64_t now) {
  return now >= expires_at;
}

}  // namespace esafety::identity
