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
//
// The account behind a session can change under it (deactivated, another
// role, a new password), from the console or from `esafety people` in
// another process. With watchAccounts(), find() asks the generation (the
// policy's, which goes up at every reload, ~2 s after any audited change) and,
// when it moved since the session was last checked, asks `still_valid`
// (one read of the person) before answering: no read per request otherwise.
#pragma once

#include <cstdint>
#include <functional>
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
  std::string password_hash;        // the account's at sign-in: a new password ends the session
  uint64_t checked_generation = 0;  // the accounts generation it was last checked at
};

class ConsoleSessions {
 public:
  explicit ConsoleSessions(const Clock& clock) : clock_(clock) {}

  using Generation = std::function<uint64_t()>;
  using StillValid = std::function<bool(const ConsoleSession&)>;
  // Re-check sessions when `generation` moves (see above).
  void watchAccounts(Generation generation, StillValid still_valid);
  uint64_t generation() const { return generation_ ? generation_() : 0; }

  const ConsoleSession& create(ConsoleSession session);
  // The live session with this id, its idle timer restarted; nullptr when
  // unknown, idle too long, past its limit or its account changed (and
  // then forgotten).
  // With touch false, the idle timer is left as it was.
  const ConsoleSession* find(std::string_view id, bool touch = true);
  void end(std::string_view id);
  // Ends every session of a person (a password change or a deactivation).
  void endAllFor(int64_t person);
  size_t size() const { return sessions_.size(); }

 private:
  void prune(int64_t now);

  const Clock& clock_;
  Generation generation_;
  StillValid still_valid_;
  std::unordered_map<std::string, ConsoleSession> sessions_;
  int64_t last_prune_ = 0;
};

// 32 random bytes from libsodium, as 64 hex characters.
std::string randomToken();

}  // namespace esafety::console
