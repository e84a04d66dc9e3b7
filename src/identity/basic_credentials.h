// Proxy Basic authentication (RFC 7617): the credentials in a
// Proxy-Authorization header, and a cache of ones already checked.
//
//   auto creds = parseBasicCredentials(req["Proxy-Authorization"]);  // nullopt: absent or malformed
//   CredentialCache cache(clock_seconds_ttl);
//   if (auto hit = cache.find(creds->login, creds->password, now)) ...  // no argon2id needed
//   else if (verified) cache.put(creds->login, creds->password, who, now);
//
// Why a cache: argon2id is deliberately slow (~0.1 s and 64 MiB a check), and
// a browser sends the header with every request. The cache keys are a keyed
// BLAKE2b hash of login and password under a key made at start-up, so
// memory holds no password and a stolen dump of it cannot be reversed
// offline without the key. Entries live `ttl_s` seconds, so a changed
// password or a new sanction on the login is seen within that time (sanctions
// also apply through the policy on the very next request).
//
// Thread safety: parseBasicCredentials is pure; CredentialCache locks itself.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/mutex.h"
#include "identity/model.h"

namespace esafety::identity {

struct BasicCredentials {
  std::string login;
  std::string password;
};

// "Basic dXNlcjpwYXNz" (scheme case-insensitive). nullopt for another
// scheme, bad base64, no ':' or an over-long value (over 1 KB).
std::optional<BasicCredentials> parseBasicCredentials(std::string_view header);

// Who a checked credential belongs to.
struct VerifiedLogin {
  int64_t person = 0;
  std::string name;
  PersonKind kind = PersonKind::kStaff;
  std::string login;
  std::string group;  // the filter group for them (sign_in.h)
};

class CredentialCache {
 public:
  explicit CredentialCache(int64_t ttl_s = 300, size_t max_entries = 4096);
  std::optional<VerifiedLogin> find(std::string_view login, std::string_view password,
                                    int64_t now) const;
  void put(std::string_view login, std::string_view password, VerifiedLogin who, int64_t now);
  void clear();
  size_t size() const;

 private:
  using Key = std::array<unsigned char, 32>;
  struct KeyHash {
    size_t operator()(const Key& k) const;
  };
  struct Entry {
    VerifiedLogin who;
    int64_t expires_at = 0;
  };
  Key keyFor(std::string_view login, std::string_view password) const;

  const int64_t ttl_s_;
  const size_t max_entries_;
  std::array<unsigned char, 32> secret_{};
  mutable Mutex mutex_;
  std::unordered_map<Key, Entry, KeyHash> entries_ GUARDED_BY(mutex_);
};

}  // namespace esafety::identity
