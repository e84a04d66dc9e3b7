// Search terms: what a pupil typed into a search engine, pulled out of the
// request URL so the event can log it (the DfE asks filtering logs to show
// "the URL, search term or content blocked") and monitoring can scan it.
//
//   auto url = classify::normalizeUrl("https://www.google.co.uk/search?q=red+fox&hl=en");
//   if (auto term = extractSearchTerm(*url)) {
//     term->engine;  // SearchEngine::kGoogle
//     term->term;    // "red fox"
//     event.search_terms.assign(term->term);
//   }
//
// Engines, hosts and URL forms:
//   Google      www.google.<every ccTLD>, google.<cc>:  /search?q=, /webhp?q=
//   Bing        www.bing.com, bing.com, cn.bing.com:  /search, /images/search,
//               /videos/search, /news/search  ?q=
//   DuckDuckGo  duckduckgo.com and www., start., html., lite., safe.:  /, /html/, /lite/  ?q=
//   Yahoo       search.yahoo.com, <cc>.search.yahoo.com:  /search, /search;_ylt=...,
//               /search/images  ?p=
//   Ecosia      www.ecosia.org, ecosia.org:  /search, /images, /videos, /news  ?q=
//   Brave       search.brave.com:  /search, /images, /videos, /news  ?q=
//   YouTube     www., m., music.youtube.com, youtube.com:  /results?search_query=, /search?q=
//   Wikipedia   <lang>.wikipedia.org, <lang>.m.wikipedia.org:  /w/index.php?search=,
//               /wiki/Special:Search?search=, /wiki/Special:Search/<term>;
//               www.wikipedia.org/search-redirect.php?search= (the portal's box)
// Forms posted as application/x-www-form-urlencoded (html.duckduckgo.com's
// form posts by default) carry the same parameters: pass the body as `query`.
// Not covered: searches sent as JSON (YouTube's in-page /youtubei/v1/search).
// Autocomplete requests (Google's /complete/search, DuckDuckGo's /ac/) are
// not searches: they carry every keystroke, so they are left out.
//
// The term is percent-decoded ('+' is a space in a query, not in a path; on
// Wikipedia '_' in a path is a space too), read as Latin-1 when it is not
// valid UTF-8, has control characters and runs of white space folded to one
// space and the ends trimmed, and is cut at kMaxSearchTermBytes on a UTF-8
// character boundary (`truncated` says so). Empty terms are no search.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "classify/url.h"

namespace esafety::search {

enum class SearchEngine : uint8_t {
  kGoogle = 1,
  kBing,
  kDuckDuckGo,
  kYahoo,
  kEcosia,
  kBrave,
  kYouTube,
  kWikipedia,
};
// "google", "bing", "duckduckgo", "yahoo", "ecosia", "brave", "youtube", "wikipedia".
std::string_view searchEngineName(SearchEngine engine);

// Fits events::Event::search_terms (InlineString<256>).
inline constexpr size_t kMaxSearchTermBytes = 256;

struct SearchTerm {
  SearchEngine engine = SearchEngine::kGoogle;
  std::string term;        // cleaned UTF-8, 1..kMaxSearchTermBytes bytes
  bool truncated = false;  // the decoded term was longer and was cut
};

// `host` is normalised (lower case, no trailing dot, as classify::normalizeUrl
// gives it); `path` starts with '/'; `query` has no '?' and is still
// percent-encoded. Returns nothing when the URL is not a search.
std::optional<SearchTerm> extractSearchTerm(std::string_view host, std::string_view path,
                                            std::string_view query);
std::optional<SearchTerm> extractSearchTerm(const classify::NormalizedUrl& url);

// The cleaning described above, on already decoded bytes; `truncated` may be
// null. Exposed for tests and for terms that arrive by other routes.
std::string cleanSearchTerm(std::string_view decoded, bool* truncated = nullptr);

}  // namespace esafety::search
