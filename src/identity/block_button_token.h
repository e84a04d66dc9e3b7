// What the block page's form token (form_token.h) is made for: one blocked
// request's reference, from one client address. The proxy issues the token
// with the block page; the console's /blocked/tell-teacher and
// /blocked/ask-check accept a post only with a token made for the same
// reference and the address that posts it, so neither a page on another
// site nor another device can post for a pupil.
//
//   tokens.issue(blockButtonSubject(reference, "10.20.4.117"), now);
//   tokens.check(posted, blockButtonSubject(reference, client_ip), now, kBlockButtonTokenAge);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace esafety::identity {

// A block page left open over a school day still works.
inline constexpr int64_t kBlockButtonTokenAge = 8 * 3600;

inline std::string blockButtonSubject(uint64_t reference, std::string_view client_ip) {
  return "blocked " + std::to_string(reference) + " " + std::string(client_ip);
}

}  // namespace esafety::identity
