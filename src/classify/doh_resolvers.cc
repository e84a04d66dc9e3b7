#include "classify/doh_resolvers.h"

#include <iterator>
#include <unordered_set>

namespace esafety::classify {
namespace {

// Public DoH/DoT endpoints browsers and operating systems offer by name.
constexpr std::string_view kResolvers[] = {
    "dns.google",                  // Google (Chrome's secure DNS for 8.8.8.8 users)
    "dns.google.com",
    "8888.google",
    "cloudflare-dns.com",          // includes mozilla.cloudflare-dns.com, chrome.cloudflare-dns.com
    "one.one.one.one",
    "1dot1dot1dot1.cloudflare-dns.com",
    "dns.quad9.net",               // includes dns9, dns10, dns11.quad9.net via the parent below
    "dns9.quad9.net",
    "dns10.quad9.net",
    "dns11.quad9.net",
    "doh.opendns.com",
    "doh.familyshield.opendns.com",
    "dns.adguard.com",
    "dns.adguard-dns.com",
    "doh.cleanbrowsing.org",
    "dns.nextdns.io",
    "doh.mullvad.net",
    "dns.mullvad.net",
    "doh.dns.sb",
    "dns.twnic.tw",
    "doh.xfinity.com",
    "dns.alidns.com",
    "doh.pub",
    "dns.controld.com",
    "freedns.controld.com",
    "doh.libredns.gr",
    "dns0.eu",
    "security.cloudflare-dns.com",
    "family.cloudflare-dns.com",
};

bool isNameOrSubdomain(std::string_view name, std::string_view parent) {
  if (name.size() == parent.size()) return name == parent;
  return name.size() > parent.size() && name.ends_with(parent) &&
         name[name.size() - parent.size() - 1] == '.';
}

}  // namespace

bool isDohCanary(std::string_view name) { return isNameOrSubdomain(name, kFirefoxCanary); }

bool isDohResolver(std::string_view name) {
  // The name, then each parent ("a.b.example" -> "b.example" -> "example"),
  // in a hash set: a few lookups per request rather than a pass over the
  // whole list (the proxy asks for every request, the DNS filter per query).
  static const std::unordered_set<std::string_view> kSet(std::begin(kResolvers), std::end(kResolvers));
  for (;;) {
    if (kSet.contains(name)) return true;
    size_t dot = name.find('.');
    if (dot == std::string_view::npos) return false;
    name.remove_prefix(dot + 1);
  }
}

std::span<const std::string_view> dohResolverNames() { return kResolvers; }

}  // namespace esafety::classify
