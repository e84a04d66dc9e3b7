// FormTokens: CSRF protection for forms that work without script (the
// captive portal). Each page carries a hidden token that is an HMAC, under
// a key made at start-up, of the client's address and the time it was
// issued; a POST is accepted only with a token made for the same address
// within `max_age_s`. A page on another site cannot read the token, so it
// cannot post the form for the client.
//
//   FormTokens tokens;                               // random key
//   std::string t = tokens.issue("10.20.4.117", now);  // "1772530200.9f86d0..."
//   if (!tokens.check(posted, "10.20.4.117", now)) refuse();
//
// Tokens do not survive a restart (the key is in memory): the form is shown
// again. Thread safety: const methods are safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace esafety::identity {

class FormTokens {
 public:
  FormTokens();
  std::string issue(std::string_view client_ip, int64_t now) const;
  bool check(std::string_view token, std::string_view client_ip, int64_t now,
             int64_t max_age_s = 3600) const;

 private:
  std::string mac(std::string_view client_ip, int64_t issued) const;
  std::array<unsigned char, 32> key_{};
};

}  // namespace esafety::identity
