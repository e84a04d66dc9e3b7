// Recognises IP addresses and networks as written in list files, so that the
// importers can tell "192.0.2.0/24" (a network) from "example.com/24" (a URL).
// Only the strict textual forms are accepted: dotted-quad IPv4 and RFC 4291
// IPv6 text (with an optional trailing dotted quad). The category index does
// the full parsing; these only decide the entry kind.
//
//   isIpLiteral("2001:db8::1");     // true
//   isIpOrCidr("192.0.2.0/24");     // true
//   isIpOrCidr("192.0.2.0/33");     // false: prefix too long
//
// Pure functions, safe from any thread.
#pragma once

#include <string_view>

namespace esafety::classify::importers {

bool isIpv4Literal(std::string_view text);
bool isIpv6Literal(std::string_view text);
inline bool isIpLiteral(std::string_view text) {
  return isIpv4Literal(text) || isIpv6Literal(text);
}
// An address, or an address and a "/prefix" within the family's bit length.
bool isIpOrCidr(std::string_view text);

}  // namespace esafety::classify::importers
