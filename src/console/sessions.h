// Console sign-in sessions: 256-bit random ids (libsodium) kept in memory,
// each with its own CSRF token, ending after an idle spell or at a hard limit
// (identity/session_policy.h), whichever comes first.
//
//   ConsoleSessions sessions(clock);
//   const ConsoleSession& s = sessions.create(person, idle_s, expires_at);
//   cookie = "esafety_session=" + s.id;
//   if (const ConsoleSession* s = sessions.find(id)) ... // touches it
//   sessions.end(id);
//
// A restart signs everyone out, which a school can live with; nothing
// secret is written to disk. Not thread-safe: the console's one thread owns it.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "identity/role.h"

namespace esafety::console {

struct ConsoleSession {
  std::string id;    // 64 hex characters
  std::string csrf;  // 64 hex characters, sent back in X-CSRF-Token
  int64_t person = 0;
  std::string name;
  std::string email;
  identity::Role role = identity::Role::kTeacher;
  int64_t last_used = 0;  // Unix seconds
  int64_t idle_s = 0;
  int64_t expires_at = 0;
};

class ConsoleSessions {
 public:
  explicit ConsoleSessions(const Clock& clock) : clock_(clock) {}

  const ConsoleSession& create(ConsoleSession session);
  // The live session with this id, its idle timer restarted; nullptr when
  // unknown, idle too long or past its limit (and then forgotten).
  const ConsoleSession* find(std::string_view id);
  void end(std::string_view id);
  // Ends every session of a person (a password change or a deactivation).
  void endAllFor(int64_t person);
  size_t size() const { return sessions_.size(); }

 private:
  void prune(int64_t now);

  const Clock& clock_;
  std::unordered_map<std::string, ConsoleSession> sessions_;
  int64_t last_prune_ = 0;
};

// 32 random bytes from libsodium, as 64 hex characters.
std::string randomToken();

}  // namespace esafety::console
