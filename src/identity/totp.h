// Two-step sign-in codes (TOTP, RFC 6238): 6 digits from HMAC-SHA1 of the
// 30-second step since the Unix epoch, as every authenticator app makes
// them. The DSL and the head need one at console sign-in (needsTotp), since
// they read safeguarding records.
//
//   std::string secret = generateTotpSecret();            // base32, 32 chars
//   show(otpauthUri("esafety (Oak Primary)", "dsl@school.example", secret));
//   if (checkTotp(secret, typed, clock.nowUnix())) ...    // this step or one either side
//
// Secrets are base32 (RFC 4648, no padding), as authenticator apps take
// them. Thread safety: pure functions (generateTotpSecret uses libsodium's
// thread-safe random source).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "identity/role.h"

namespace esafety::identity {

enum class TotpHash { kSha1, kSha256, kSha512 };

inline constexpr int64_t kTotpStepSeconds = 30;

// Roles that must give a code at console sign-in: those who read
// safeguarding records (the DSL, its deputy, the head) and those who can change who
// reads them or what is filtered (the IT and local-authority admins).
inline bool needsTotp(Role role) {
  return role == Role::kDsl || role == Role::kDeputyDsl || role == Role::kHead ||
         role == Role::kItAdmin ||
         role == Role::kLaAdmin;
}

std::string base32Encode(std::string_view bytes);
// Upper or lower case, spaces and '=' padding ignored; kInvalidArgument
// naming the first character that is not base32.
Result<std::string> base32Decode(std::string_view text);

// The code for `unix_time` from the raw key; `digits` 6..8.
std::string totpCode(std::string_view key, int64_t unix_time, int digits = 6,
                     TotpHash hash = TotpHash::kSha1);

// True when `code` (6 digits; spaces ignored) matches the base32 `secret` at
// `now` or one step before or after (a phone's clock a little out). Compares
// in constant time. A malformed secret or code is simply false.
bool checkTotp(std::string_view secret, std::string_view code, int64_t now);
// As checkTotp, but which step matched (unix time / kTotpStepSeconds), so
// the caller can refuse a code already used (PeopleStore::claimTotpStep);
// nullopt when none did.
std::optional<int64_t> matchTotpStep(std::string_view secret, std::string_view code, int64_t now);

// 20 random bytes (160 bits, RFC 4226's recommendation) as base32.
std::string generateTotpSecret();

// otpauth://totp/<issuer>:<account>?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
std::string otpauthUri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace esafety::identity
