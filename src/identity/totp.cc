#include "identity/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cctype>

#include <fmt/format.h>

namespace esafety::identity {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// Percent-encodes all but RFC 3986's unreserved characters.
std::string uriEscape(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

}  // namespace

std::string base32Encode(std::string_view bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

Result<std::string> base32Decode(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == ' ' || c == '=' || c == '-') continue;
    char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    size_t value = kAlphabet.find(upper);
    if (value == std::string_view::npos) {
      return invalidArgument(fmt::format("'{}' is not a base32 character", c));
    }
    buffer = (buffer << 5) | static_cast<uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

std::string totpCode(std::string_view key, int64_t unix_time, int digits, TotpHash hash) {
  uint64_t step = static_cast<uint64_t>(unix_time / kTotpStepSeconds);
  std::array<unsigned char, 8> counter{};
  for (int i = 7; i >= 0; --i) {
    counter[i] = static_cast<unsigned char>(step & 0xFF);
    step >>= 8;
  }
  const EVP_MD* md = hash == TotpHash::kSha1     ? EVP_sha1()
                     : hash == TotpHash::kSha256 ? EVP_sha256()
                                                 : EVP_sha512();
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int length = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()), counter.data(), counter.size(), mac.data(),
       &length);
  // RFC 4226 §5.3: dynamic truncation.
  size_t offset = mac[length - 1] & 0x0F;
  uint32_t binary = (static_cast<uint32_t>(mac[offset] & 0x7F) << 24) |
                    (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                    (static_cast<uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  return fmt::format("{:0{}}", binary % modulus, digits);
}

bool checkTotp(std::string_view secret, std::string_view code, int64_t now) {
  return matchTotpStep(secret, code, now).has_value();
}

std::optional<int64_t> matchTotpStep(std::string_view secret, std::string_view code, int64_t now) {
  std::string digits;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (digits.size() != 6) return std::nullopt;
  auto key = base32Decode(secret);
  if (!key || key->empty()) return std::nullopt;
  // Every candidate is compared (constant time); the latest match wins.
  std::optional<int64_t> matched;
  for (int64_t drift : {-1, 0, 1}) {
    const int64_t at = now + drift * kTotpStepSeconds;
    std::string expected = totpCode(*key, at);
    if (sodium_memcmp(expected.data(), digits.data(), 6) == 0) matched = at / kTotpStepSeconds;
  }
  return matched;
}

std::string generateTotpSecret() {
  std::array<unsigned char, 20> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return base32Encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string otpauthUri(std::string_view issuer, std::string_view account, std::string_view secret) {
  return fmt::format("otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30",
                     uriEscape(issuer), uriEscape(account), secret, uriEscape(issuer));
}

}  // namespace esafety::identity
