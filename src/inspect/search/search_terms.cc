#include "inspect/search/search_terms.h"

#include <array>

#include "core/text.h"
#include "inspect/search/query_params.h"
#include "policy/safe_search.h"

namespace esafety::search {
namespace {

bool isOneOf(std::string_view s, std::initializer_list<std::string_view> options) {
  for (std::string_view o : options) {
    if (s == o) return true;
  }
  return false;
}

// "a.example" for "x.a.example", not for "xa.example".
bool isSubdomainOf(std::string_view host, std::string_view parent) {
  return host.size() > parent.size() + 1 && host.ends_with(parent) &&
         host[host.size() - parent.size() - 1] == '.';
}

bool startsWithIgnoringCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && asciiLower(s.substr(0, prefix.size())) == prefix;
}

std::optional<SearchTerm> fromQuery(SearchEngine engine, std::string_view query,
                                    std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    std::string_view raw = findQueryParam(query, key);
    if (raw.empty()) continue;
    SearchTerm out{engine, {}, false};
    out.term = cleanSearchTerm(decodeQueryComponent(raw), &out.truncated);
    if (!out.term.empty()) return out;
  }
  return std::nullopt;
}

bool isGoogle(std::string_view host) {
  const policy::SafeSearchRule* rule = policy::findSafeSearch(host);
  return rule != nullptr && rule->engine == "Google";
}

bool isWikipedia(std::string_view host) {
  // <lang>.wikipedia.org and <lang>.m.wikipedia.org; the bare name and www.
  // are portals with no search results of their own.
  return isSubdomainOf(host, "wikipedia.org") && host != "www.wikipedia.org";
}

std::optional<SearchTerm> fromWikipedia(std::string_view path, std::string_view query) {
  if (path != "/w/index.php" && !path.starts_with("/wiki/")) return std::nullopt;
  if (auto term = fromQuery(SearchEngine::kWikipedia, query, {"search"})) return term;
  if (!path.starts_with("/wiki/")) return std::nullopt;
  // /wiki/Special:Search/<term>: the title is in the path, with '_' for spaces.
  std::string title = decodePathComponent(path.substr(6));
  constexpr std::string_view kSpecial = "special:search/";
  if (!startsWithIgnoringCase(title, kSpecial)) return std::nullopt;
  std::string decoded = title.substr(kSpecial.size());
  for (char& c : decoded) {
    if (c == '_') c = ' ';
  }
  SearchTerm out{SearchEngine::kWikipedia, {}, false};
  out.term = cleanSearchTerm(decoded, &out.truncated);
  if (out.term.empty()) return std::nullopt;
  return out;
}

// Unicode white space a search box may pass through: NBSP and the
// ideographic space, as their UTF-8 bytes.
size_t unicodeSpaceLength(std::string_view s, size_t i) {
  if (s.compare(i, 2, "\xC2\xA0") == 0) return 2;
  if (s.compare(i, 3, "\xE3\x80\x80") == 0) return 3;
  return 0;
}

}  // namespace

std::string_view searchEngineName(SearchEngine engine) {
  switch (engine) {
    case SearchEngine::kGoogle:
      return "google";
    case SearchEngine::kBing:
      return "bing";
    case SearchEngine::kDuckDuckGo:
      return "duckduckgo";
    case SearchEngine::kYahoo:
      return "yahoo";
    case SearchEngine::kEcosia:
      return "ecosia";
    case SearchEngine::kBrave:
      return "brave";
    case SearchEngine::kYouTube:
      return "youtube";
    case SearchEngine::kWikipedia:
      return "wikipedia";
  }
  return "unknown";
}

std::string cleanSearchTerm(std::string_view decoded, bool* truncated) {
  const std::string text = toUtf8(decoded);
  std::string out;
  out.reserve(text.size() < kMaxSearchTermBytes ? text.size() : kMaxSearchTermBytes);
  bool pending_space = false;
  bool cut = false;
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c <= 0x20 || c == 0x7F) {
      pending_space = true;
      ++i;
      continue;
    }
    if (size_t n = unicodeSpaceLength(text, i)) {
      pending_space = true;
      i += n;
      continue;
    }
    // One whole UTF-8 character (text is valid UTF-8 here).
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    size_t need = len + (pending_space && !out.empty() ? 1 : 0);
    if (out.size() + need > kMaxSearchTermBytes) {
      cut = true;
      break;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out.append(text, i, len);
    i += len;
  }
  if (truncated != nullptr) *truncated = cut;
  return out;
}

std::optional<SearchTerm> extractSearchTerm(std::string_view host, std::string_view path,
                                            std::string_view query) {
  if (query.empty() && !path.starts_with("/wiki/")) return std::nullopt;
  if (isGoogle(host)) {
    if (!isOneOf(path, {"/search", "/webhp"})) return std::nullopt;
    return fromQuery(SearchEngine::kGoogle, query, {"q"});
  }
  if (isOneOf(host, {"www.bing.com", "bing.com", "cn.bing.com"})) {
    if (!isOneOf(path, {"/search", "/images/search", "/videos/search", "/news/search"})) {
      return std::nullopt;
    }
    return fromQuery(SearchEngine::kBing, query, {"q"});
  }
  if (host == "duckduckgo.com" || isSubdomainOf(host, "duckduckgo.com")) {
    if (!isOneOf(host, {"duckduckgo.com", "www.duckduckgo.com", "start.duckduckgo.com",
                        "html.duckduckgo.com", "lite.duckduckgo.com", "safe.duckduckgo.com"}) ||
        !isOneOf(path, {"/", "/html", "/html/", "/lite", "/lite/"})) {
      return std::nullopt;
    }
    return fromQuery(SearchEngine::kDuckDuckGo, query, {"q"});
  }
  if (host == "search.yahoo.com" || isSubdomainOf(host, "search.yahoo.com")) {
    if (path != "/search" && !path.starts_with("/search;") && !path.starts_with("/search/")) {
      return std::nullopt;
    }
    return fromQuery(SearchEngine::kYahoo, query, {"p"});
  }
  if (isOneOf(host, {"www.ecosia.org", "ecosia.org"})) {
    if (!isOneOf(path, {"/search", "/images", "/videos", "/news"})) return std::nullopt;
    return fromQuery(SearchEngine::kEcosia, query, {"q"});
  }
  if (host == "search.brave.com") {
    if (!isOneOf(path, {"/search", "/images", "/videos", "/news"})) return std::nullopt;
    return fromQuery(SearchEngine::kBrave, query, {"q"});
  }
  if (isOneOf(host, {"www.youtube.com", "youtube.com", "m.youtube.com", "music.youtube.com"})) {
    if (path == "/results") return fromQuery(SearchEngine::kYouTube, query, {"search_query", "q"});
    if (path == "/search") return fromQuery(SearchEngine::kYouTube, query, {"q", "search_query"});
    return std::nullopt;
  }
  if (isWikipedia(host)) return fromWikipedia(path, query);
  if (isOneOf(host, {"www.wikipedia.org", "wikipedia.org"}) && path == "/search-redirect.php") {
    return fromQuery(SearchEngine::kWikipedia, query, {"search"});
  }
  return std::nullopt;
}

std::optional<SearchTerm> extractSearchTerm(const classify::NormalizedUrl& url) {
  return extractSearchTerm(url.host, url.path, url.query);
}

}  // namespace esafety::search
