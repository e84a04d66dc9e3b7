// Safe search enforced on the request itself, for plain HTTP and inspected
// HTTPS, and the CONNECT target for HTTPS that is not inspected. The engines,
// parameters, headers and safe hosts are those of ../shared/STANDARDS.md
// ("Safe search"), held once in policy/safe_search.h; this file applies them.
//
//   SafeSearchSettings settings;  // from the group
//   SafeSearchEdit edit =
//       enforceSafeSearch("www.google.co.uk", "/search", "q=fox&safe=off", settings);
//   edit.query;  // "q=fox&safe=active": send safeSearchTarget("/search", edit)
//   for (const auto& h : edit.headers) req.set(h.name, h.value);
//
//   connectSafeHost("www.youtube.com", settings);  // "restrict.youtube.com"
//
// What each engine gets (STANDARDS.md):
//   Google      safe=active on every request that has a query string
//   Bing        adlt=strict, likewise
//   DuckDuckGo  kp=1, likewise
//   YouTube     header YouTube-Restrict: Strict (or Moderate, per group) on every request
//   Ecosia, Brave, Pixabay: no HTTP-level control; only the safe host.
// Yahoo is not in STANDARDS.md's table, so nothing is forced on it.
//
// Why "every request with a query string" rather than a list of search paths:
// a search is always carried in the query, engines add new search paths
// (images, videos, news, shopping), and an extra parameter on a request that
// is not a search is ignored by the engine. Requests without a query carry no
// search and are left alone, so static files keep their cache keys.
//
// Any existing parameter with the same name in any case (safe=off, SAFE=images)
// is removed before the forced one is appended; applying the edit twice gives
// the same request as applying it once.
//
// Thread safety: pure functions over static tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/safe_search.h"

namespace esafety::search {

// YouTube's two restricted modes. Moderate hides less; schools choose it for
// staff or older pupils who need more educational videos.
enum class YouTubeRestrict : uint8_t { kStrict, kModerate };
// "strict" / "moderate"; false for anything else (config values).
bool parseYouTubeRestrict(std::string_view text, YouTubeRestrict* out);

struct SafeSearchSettings {
  YouTubeRestrict youtube = YouTubeRestrict::kStrict;
};

struct HttpHeader {
  std::string_view name;   // "YouTube-Restrict"
  std::string_view value;  // "Strict"
};

struct SafeSearchEdit {
  const policy::SafeSearchRule* rule = nullptr;  // null: not a search engine; nothing to do
  std::string query;  // the query to send (unchanged when query_changed is false)
  bool query_changed = false;
  std::vector<HttpHeader> headers;  // set (replace) each of these on the request

  bool changesAnything() const { return query_changed || !headers.empty(); }
};

// `host` is normalised (classify::normalizeUrl); `query` is the raw query
// without '?'. The returned views point at static data.
SafeSearchEdit enforceSafeSearch(std::string_view host, std::string_view path,
                                 std::string_view query, const SafeSearchSettings& settings);

// "/search?q=fox&safe=active": `path` with the edited query, for a request target.
std::string safeSearchTarget(std::string_view path, const SafeSearchEdit& edit);

// For a CONNECT that will not be inspected: the host to connect to instead
// ("forcesafesearch.google.com"), the same name the DNS rewrite uses, so the
// engine's own certificate still matches the pupil's SNI. Empty when `host`
// is not a search engine with a safe host.
std::string_view connectSafeHost(std::string_view host, const SafeSearchSettings& settings);

}  // namespace esafety::search
