// Fuzzes search-term extraction and safe-search enforcement
// (src/inspect/search): any URL must give a term or nothing, never a crash,
// and a term keeps its promises (clean UTF-8 that fits the event); forcing
// safe search twice gives what forcing it once gave.
//
// Input: a URL as a client sends it. When it holds a NUL byte, the bytes
// before and after the first two NULs are used as raw host, path and query
// instead, to reach the functions with strings no normaliser has seen.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/text.h"
#include "inspect/search/match_text.h"
#include "inspect/search/safe_search_enforcement.h"
#include "inspect/search/search_terms.h"

namespace {

using namespace esafety;
using namespace esafety::search;

void checkTerm(const std::optional<SearchTerm>& term) {
  if (!term) return;
  const std::string& t = term->term;
  if (t.empty() || t.size() > kMaxSearchTermBytes) std::abort();
  if (!isValidUtf8(t)) std::abort();
  if (t.front() == ' ' || t.back() == ' ' || t.find("  ") != std::string::npos) std::abort();
  for (char c : t) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) std::abort();
  }
  std::string normalized = normalizeForMatching(t);
  if (!isValidUtf8(normalized) || normalized.find("  ") != std::string::npos) std::abort();
}

void checkSafeSearch(std::string_view host, std::string_view path, std::string_view query) {
  const SafeSearchSettings settings;
  SafeSearchEdit once = enforceSafeSearch(host, path, query, settings);
  if (once.rule == nullptr && once.changesAnything()) std::abort();
  SafeSearchEdit twice = enforceSafeSearch(host, path, once.query, settings);
  if (twice.query != once.query || twice.query_changed) std::abort();
  (void)connectSafeHost(host, settings);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nul = input.find('\0');
  if (nul != std::string_view::npos) {
    std::string_view host = input.substr(0, nul);
    std::string_view rest = input.substr(nul + 1);
    size_t nul2 = rest.find('\0');
    std::string_view path = rest.substr(0, nul2);
    std::string_view query =
        nul2 == std::string_view::npos ? std::string_view() : rest.substr(nul2 + 1);
    checkTerm(extractSearchTerm(host, path, query));
    checkSafeSearch(host, path, query);
    return 0;
  }
  auto url = classify::normalizeUrl(input);
  if (!url) return 0;
  checkTerm(extractSearchTerm(*url));
  checkSafeSearch(url->host, url->path, url->query);
  return 0;
}
