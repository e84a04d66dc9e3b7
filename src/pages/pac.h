// The proxy auto-config (PAC) file that the proxy serves (DESIGN.md §9: an LA
// hands clients a PAC file listing several filter nodes).
//
//   PacOptions options;
//   options.proxies = {"filter1.la.example:3128", "filter2.la.example:3128"};
//   options.console_host = "esafety.school.internal";
//   options.bypass_domains = {"school.internal"};
//   options.bypass_networks = {"10.20.0.0/16"};
//   Result<std::string> pac = renderPac(options);
//   if (!pac) return pac.status();   // names the bad entry
//   // serve *pac with pacHeaders()
//
// FindProxyForURL answers DIRECT for: plain host names ("intranet"),
// localhost and loopback (127.0.0.0/8, ::1), the console host, every bypass
// domain and its subdomains, and IPv4 addresses in a bypass network. Anything
// else goes to "PROXY a:3128; PROXY b:3128", which browsers try in order.
//
// Browsers run FindProxyForURL for every request, so it resolves no names by
// default: bypass_networks match only when the URL holds an IPv4 address.
// resolve_for_networks makes it resolve other names too, at the cost of a DNS
// lookup per request.
//
// When every proxy is down the browser fails: a school filter fails closed.
// direct_if_proxies_down adds a final "DIRECT" for those who choose otherwise.
//
// Pure function; safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace esafety::pages {

struct PacOptions {
  std::vector<std::string> proxies;          // "host:port", IPv4 or "[v6]:port"; at least one
  std::string console_host;                  // name or address, no port; may be empty
  std::vector<std::string> bypass_domains;   // "school.internal" (a leading "." or "*." is fine)
  std::vector<std::string> bypass_networks;  // IPv4 CIDR, "10.20.0.0/16"
  bool resolve_for_networks = false;
  bool direct_if_proxies_down = false;
};

// kInvalidArgument naming the first bad entry: no proxies, a proxy without a
// port or with a port outside 1-65535, a name with characters a host name
// cannot hold, or a network that is not IPv4 CIDR.
Result<std::string> renderPac(const PacOptions& options);

}  // namespace esafety::pages
