#include "inspect/search/circumvention.h"

#include <iterator>
#include <unordered_set>

#include "classify/doh_resolvers.h"

namespace esafety::search {
namespace {

// VPN services sold to consumers, and web proxies that fetch pages for you.
// DNS-over-HTTPS resolvers are in dns/doh_resolvers.cc, not here.
constexpr std::string_view kProviders[] = {
    // VPNs
    "nordvpn.com",
    "expressvpn.com",
    "protonvpn.com",
    "surfshark.com",
    "cyberghostvpn.com",
    "privateinternetaccess.com",
    "ipvanish.com",
    "windscribe.com",
    "tunnelbear.com",
    "hotspotshield.com",
    "hide.me",
    "mullvad.net",
    "purevpn.com",
    "vyprvpn.com",
    "atlasvpn.com",
    "zenmate.com",
    "hola.org",
    "betternet.co",
    "urban-vpn.com",
    "psiphon.ca",
    "psiphon3.com",
    "ultrasurf.us",
    "torproject.org",
    "cloudflarewarp.com",
    "browsec.com",
    "setupvpn.com",
    "touchvpn.net",
    "turbovpn.com",
    "vpnbook.com",
    // web proxies
    "hidemyass.com",
    "croxyproxy.com",
    "croxyproxy.rocks",
    "proxysite.com",
    "kproxy.com",
    "hidester.com",
    "proxyium.com",
    "4everproxy.com",
    "blockaway.net",
    "croxy.network",
    "proxyscrape.com",
    "whoer.net",
    "filterbypass.me",
    "unblockit.link",
    "sslunblock.com",
    "anonymouse.org",
    "megaproxy.com",
};

}  // namespace

std::string_view circumventionTagName(CircumventionTag tag) {
  switch (tag) {
    case CircumventionTag::kNone:
      return "";
    case CircumventionTag::kIpLiteral:
      return "ip-literal";
    case CircumventionTag::kDohCanary:
      return "doh-canary";
    case CircumventionTag::kDohResolver:
      return "doh-resolver";
    case CircumventionTag::kVpnOrProxy:
      return "vpn-or-proxy";
  }
  return "";
}

bool parseCircumventionTag(std::string_view name, CircumventionTag* tag) {
  for (auto t : {CircumventionTag::kIpLiteral, CircumventionTag::kDohCanary,
                 CircumventionTag::kDohResolver, CircumventionTag::kVpnOrProxy}) {
    if (name == circumventionTagName(t)) {
      *tag = t;
      return true;
    }
  }
  return false;
}

bool parseIpLiteralPolicy(std::string_view text, IpLiteralPolicy* policy) {
  if (text == "allow") {
    *policy = IpLiteralPolicy::kAllow;
  } else if (text == "monitor") {
    *policy = IpLiteralPolicy::kMonitor;
  } else if (text == "deny") {
    *policy = IpLiteralPolicy::kDeny;
  } else {
    return false;
  }
  return true;
}

bool isCircumventionProvider(std::string_view host) {
  // The name, then each parent ("a.b.example" -> "b.example" -> "example"),
  // in a hash set: a few lookups per request rather than a pass over the
  // whole list (the proxy asks for every request, the DNS filter per query).
  static const std::unordered_set<std::string_view> kSet(std::begin(kProviders), std::end(kProviders));
  for (;;) {
    if (kSet.contains(host)) return true;
    size_t dot = host.find('.');
    if (dot == std::string_view::npos) return false;
    host.remove_prefix(dot + 1);
  }
}

std::span<const std::string_view> circumventionProviders() {
  return kProviders;
}

CircumventionSignal isCircumventionSignal(const CircumventionInput& input) {
  using enum CircumventionAction;
  if (input.host_kind != classify::HostKind::kName) {
    if (!input.connect || input.ip_literal == IpLiteralPolicy::kAllow) return {};
    return {CircumventionTag::kIpLiteral,
            input.ip_literal == IpLiteralPolicy::kDeny ? kBlock : kMonitor};
  }
  if (classify::isDohCanary(input.host)) return {CircumventionTag::kDohCanary, kMonitor};
  if (classify::isDohResolver(input.host)) {
    bool block = input.safe_search || input.circumvention_blocked;
    return {CircumventionTag::kDohResolver, block ? kBlock : kMonitor};
  }
  if (isCircumventionProvider(input.host)) {
    return {CircumventionTag::kVpnOrProxy, input.circumvention_blocked ? kBlock : kMonitor};
  }
  return {};
}

}  // namespace esafety::search
