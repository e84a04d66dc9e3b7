#include "identity/password.h"

#include <fmt/format.h>
#include <sodium.h>

#include <cstdlib>

namespace esafety::identity {
namespace {

void initSodium() {
  static const bool ready = [] {
    // sodium_init() only fails when the system has no entropy source; nothing
    // that hashes or generates passwords can go on then.
    if (sodium_init() < 0) std::abort();
    return true;
  }();
  (void)ready;
}

}  // namespace

Status checkNewPassword(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return invalidArgument(
        fmt::format("the password must be at least {} characters", kMinPasswordLength));
  }
  if (password.size() > kMaxPasswordLength) {
    return invalidArgument(
        fmt::format("the password must be at most {} characters", kMaxPasswordLength));
  }
  for (unsigned char c : password) {
    if (c < 0x20 || c == 0x7f) return invalidArgument("the password holds control characters");
  }
  return Status::ok();
}

namespace {

#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
// Fuzz builds only (CMakeLists.txt): the cheapest argon2id, so a fuzzed
// console route that sets a password costs microseconds, not 0.1 s.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_MIN;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_MIN;
#else
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
#endif

}  // namespace

Result<std::string> hashPassword(std::string_view password) {
  initSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status(StatusCode::kResourceExhausted, "not enough memory to hash the password");
  }
  return std::string(out);
}

bool verifyPassword(std::string_view hash, std::string_view password) {
  initSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (!hash.starts_with("$argon2id$")) return false;
  char stored[crypto_pwhash_STRBYTES] = {};
  std::copy(hash.begin(), hash.end(), stored);
  return crypto_pwhash_str_verify(stored, password.data(), password.size()) == 0;
}

bool needsRehash(std::string_view hash) {
  initSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return true;
  char stored[crypto_pwhash_STRBYTES] = {};
  std::copy(hash.begin(), hash.end(), stored);
  return crypto_pwhash_str_needs_rehash(stored, kOpsLimit, kMemLimit) != 0;
}

std::string generatePassword() {
  initSodium();
  static constexpr std::string_view kAlphabet =
      "abcdefghjkmnpqrstuvwxyz23456789";  // no l, i, o, 0, 1
  std::string out;
  for (int group = 0; group < 4; ++group) {
    if (group > 0) out.push_back('-');
    for (int i = 0; i < 4; ++i) {
      out.push_back(kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))]);
    }
  }
  return out;
}

}  // namespace esafety::identity
