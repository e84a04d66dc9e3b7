// Names the filter treats specially because they let a browser go around it.
//
//   - The Firefox canary `use-application-dns.net`: NXDOMAIN for everyone
//     turns Firefox's default DNS-over-HTTPS off (STANDARDS.md, "Safe search").
//   - Well-known DNS-over-HTTPS resolvers (dns.google, cloudflare-dns.com,
//     ...): blocked, with every subdomain, for groups that have safe search
//     on. The rule is "safe search on" rather than a list of pupil groups
//     because DoH is exactly how a device escapes the safe-search CNAMEs: a
//     group whose searches must be safe cannot be allowed a private resolver.
//     In the demo school that is KS1, KS2, visitors and the locked-down
//     groups, and not staff.
//
// The list is data in this file so a change is one reviewed line.
// Thread safety: pure functions over static data.
#pragma once

#include <span>
#include <string_view>

namespace esafety::classify {

inline constexpr std::string_view kFirefoxCanary = "use-application-dns.net";

// `name` is lower-case text without the trailing dot.
bool isDohCanary(std::string_view name);
bool isDohResolver(std::string_view name);  // the name or a subdomain of one listed
std::span<const std::string_view> dohResolverNames();

}  // namespace esafety::classify
