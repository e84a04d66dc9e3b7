// Passwords: argon2id hashes through libsodium (crypto_pwhash_str), with its
// "interactive" limits (64 MiB, 2 passes: about 0.1 s on a school server),
// so a stolen database does not give up the passwords.
//
//   auto hash = hashPassword(typed);            // "$argon2id$v=19$m=65536,t=2,p=1$..."
//   if (!hash) return hash.status();
//   bool ok = verifyPassword(*hash, typed);     // constant-time compare inside libsodium
//
// Hashes are self-describing strings, so raising the limits later only
// needs needsRehash() at the next sign-in. Thread safety: all functions are
// safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace esafety::identity {

inline constexpr size_t kMinPasswordLength = 10;
inline constexpr size_t kMaxPasswordLength = 256;

// kInvalidArgument when the password is too short, too long or holds
// control characters; checked before hashing.
Status checkNewPassword(std::string_view password);

// kResourceExhausted when the hash could not get its memory.
Result<std::string> hashPassword(std::string_view password);

// False for a wrong password or a hash that is not argon2id.
bool verifyPassword(std::string_view hash, std::string_view password);

// True when `hash` was made with other limits than hashPassword() uses now.
bool needsRehash(std::string_view hash);

// A random password people can read out and type on an iPad: four groups of
// four lower-case letters and digits without look-alikes ("k7pw-3nhx-...").
std::string generatePassword();

}  // namespace esafety::identity
