// Safe search: the search engines schools force into their safe modes, from
// ../shared/STANDARDS.md ("Safe search"). One table serves the policy step
// (CONNECT and DNS rewrites) and, later, HTTP-level enforcement.
//
//   if (const SafeSearchRule* r = findSafeSearch("www.google.co.uk"))
//     r->rewrite_host;   // "forcesafesearch.google.com"
//
// Thread safety: the table is immutable after first use; safe from any thread.
#pragma once

#include <span>
#include <string_view>

namespace esafety::policy {

struct SafeSearchRule {
  std::string_view engine;        // "Google"
  std::string_view rewrite_host;  // DNS CNAME / CONNECT target
  std::string_view query_param;   // HTTP-level parameter, "" if none ("safe=active")
  std::string_view header;        // HTTP-level header, "" if none ("YouTube-Restrict: Strict")
};

std::span<const SafeSearchRule> safeSearchRules();

// The rule for a normalised host, or null. Matches the exact host names the
// engines serve search from (every www.google.<ccTLD>, www.bing.com, ...).
const SafeSearchRule* findSafeSearch(std::string_view host);
int safeSearchIndex(const SafeSearchRule* rule);

// Every Google search domain ("google.co.uk", ...), for DNS tests and docs.
std::span<const std::string_view> googleSearchDomains();

}  // namespace esafety::policy
