#include "console/sessions.h"

#include <sodium.h>

#include <array>

namespace esafety::console {

std::string randomToken() {
  static const bool ready = sodium_init() >= 0;
  (void)ready;  // randombytes_buf works even if sodium_init reports "already"
  std::array<unsigned char, 32> bytes;
  randombytes_buf(bytes.data(), bytes.size());
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  hex.pop_back();
  return hex;
}

const ConsoleSession& ConsoleSessions::create(ConsoleSession session) {
  int64_t now = clock_.nowUnix();
  prune(now);
  session.id = randomToken();
  session.csrf = randomToken();
  session.last_used = now;
  auto [it, inserted] = sessions_.emplace(session.id, std::move(session));
  return it->second;
}

const ConsoleSession* ConsoleSessions::find(std::string_view id, bool touch) {
  if (id.size() != 64) return nullptr;
  int64_t now = clock_.nowUnix();
  prune(now);
  auto it = sessions_.find(std::string(id));
  if (it == sessions_.end()) return nullptr;
  ConsoleSession& s = it->second;
  if (now >= s.expires_at || now - s.last_used >= s.idle_s) {
    sessions_.erase(it);
    return nullptr;
  }
  if (generation_) {
    const uint64_t g = generation_();
    if (s.checked_generation != g) {
      if (!still_valid_(s)) {
        sessions_.erase(it);
        return nullptr;
      }
      s.checked_generation = g;
    }
  }
  if (touch) s.last_used = now;
  return &s;
}

void ConsoleSessions::watchAccounts(Generation generation, StillValid still_valid) {
  generation_ = std::move(generation);
  still_valid_ = std::move(still_valid);
}

void ConsoleSessions::end(std::string_view id) { sessions_.erase(std::string(id)); }

void ConsoleSessions::endAllFor(int64_t person) {
  std::erase_if(sessions_, [person](const auto& entry) { return entry.second.person == person; });
}

void ConsoleSessions::prune(int64_t now) {
  if (now - last_prune_ < 60) return;
  last_prune_ = now;
  std::erase_if(sessions_, [now](const auto& entry) {
    const ConsoleSession& s = entry.second;
    return now >= s.expires_at || now - s.last_used >= s.idle_s;
  });
}

}  // namespace esafety::console
