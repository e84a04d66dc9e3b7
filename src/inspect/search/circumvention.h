// Circumvention signals: requests that suggest someone is getting round the
// filter (UKSIC asks for "circumvention detection"). Each comes with a tag the
// event carries, so monitoring can pick these events out, and a verdict for
// the proxy.
//
//   CircumventionInput in{
//       .host = url->host, .host_kind = url->host_kind, .connect = true,
//       .ip_literal = IpLiteralPolicy::kMonitor, .safe_search = group.safe_search,
//       .circumvention_blocked = group.blocked_categories.contains("circumvention")};
//   CircumventionSignal s = isCircumventionSignal(in);
//   if (s.tag != CircumventionTag::kNone) event.circumvention = s.tag;
//   if (s.action == CircumventionAction::kBlock) { /* block page / refuse the tunnel */ }
//
// What is a signal, and what it does:
//   kIpLiteral    CONNECT to an IP address rather than a name: VPNs, Tor
//                 bridges and home-made tunnels do this, and the filter cannot
//                 tell what is inside. The school's `ip_literal` policy says
//                 allow (no tag), monitor (allow, tagged) or deny (block, tagged).
//   kDohCanary    the Firefox canary `use-application-dns.net` (dns/doh_resolvers.h):
//                 tagged; the DNS server answers NXDOMAIN for it.
//   kDohResolver  a DNS-over-HTTPS resolver (dns/doh_resolvers.h, the one list
//                 the DNS server uses): blocked for groups with safe search on
//                 (the DNS server's rule) or that block the `circumvention`
//                 category; tagged for everyone.
//   kVpnOrProxy   a well-known VPN or web-proxy provider (circumventionProviders()):
//                 blocked for groups that block the `circumvention` category,
//                 tagged for everyone. These real names live here rather than
//                 in the demo school's circumvention list, which holds only
//                 reserved fictional names (store/demo_school_test.cc), so a
//                 fresh install blocks them without importing a list.
//
// Thread safety: pure functions over static data.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "classify/url.h"

namespace esafety::search {

enum class CircumventionTag : uint8_t {
  kNone = 0,
  kIpLiteral = 1,
  kDohCanary = 2,
  kDohResolver = 3,
  kVpnOrProxy = 4,
};
// "", "ip-literal", "doh-canary", "doh-resolver", "vpn-or-proxy".
std::string_view circumventionTagName(CircumventionTag tag);
// The inverse of circumventionTagName for the four tags; false otherwise.
bool parseCircumventionTag(std::string_view name, CircumventionTag* tag);

// The school's choice for CONNECT to an IP literal.
enum class IpLiteralPolicy : uint8_t { kAllow, kMonitor, kDeny };
// "allow" / "monitor" / "deny"; false for anything else (config values).
bool parseIpLiteralPolicy(std::string_view text, IpLiteralPolicy* policy);

enum class CircumventionAction : uint8_t {
  kNone,     // nothing to do here; the normal decision stands
  kMonitor,  // let the normal decision stand, but tag the event
  kBlock,    // block (block page, or refuse the tunnel), and tag the event
};

struct CircumventionInput {
  std::string_view host;  // normalised (classify::normalizeUrl)
  classify::HostKind host_kind = classify::HostKind::kName;
  bool connect = false;  // a CONNECT tunnel rather than a plain request
  IpLiteralPolicy ip_literal = IpLiteralPolicy::kMonitor;
  bool safe_search = true;             // the group's safe-search setting
  bool circumvention_blocked = false;  // the group blocks the `circumvention` category
};

struct CircumventionSignal {
  CircumventionTag tag = CircumventionTag::kNone;
  CircumventionAction action = CircumventionAction::kNone;
};

CircumventionSignal isCircumventionSignal(const CircumventionInput& input);

// Well-known VPN and web-proxy services by name: the name or any subdomain
// of it matches. Real public names; a provider's presence here says only
// what it sells.
bool isCircumventionProvider(std::string_view host);
std::span<const std::string_view> circumventionProviders();

}  // namespace esafety::search
