#include "identity/form_token.h"

#include <sodium.h>

#include <charconv>

namespace esafety::identity {

FormTokens::FormTokens() {
  if (sodium_init() < 0) std::abort();  // no randomness: nothing here can be safe
  randombytes_buf(key_.data(), key_.size());
}

std::string FormTokens::mac(std::string_view client_ip, int64_t issued) const {
  std::string message = "portal-form|" + std::string(client_ip) + "|" + std::to_string(issued);
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(out, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), key_.data());
  char hex[sizeof out * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string FormTokens::issue(std::string_view client_ip, int64_t now) const {
  return std::to_string(now) + "." + mac(client_ip, now);
}

bool FormTokens::check(std::string_view token, std::string_view client_ip, int64_t now,
                       int64_t max_age_s) const {
  size_t dot = token.find('.');
  if (dot == std::string_view::npos || token.size() > 128) return false;
  int64_t issued = 0;
  auto [end, ec] = std::from_chars(token.data(), token.data() + dot, issued);
  if (ec != std::errc() || end != token.data() + dot) return false;
  if (issued > now + 60 || now - issued > max_age_s) return false;
  std::string expected = mac(client_ip, issued);
  std::string_view given = token.substr(dot + 1);
  return given.size() == expected.size() &&
         sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

}  // namespace esafety::identity
