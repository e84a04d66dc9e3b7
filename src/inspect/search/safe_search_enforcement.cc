#include "inspect/search/safe_search_enforcement.h"

#include "inspect/search/query_params.h"

namespace esafety::search {
namespace {

constexpr std::string_view kYouTubeModerateHost = "restrictmoderate.youtube.com";
constexpr std::string_view kYouTubeHeader = "YouTube-Restrict";

bool isYouTube(const policy::SafeSearchRule& rule) {
  return rule.engine == "YouTube";
}

// "YouTube-Restrict: Strict" -> {"YouTube-Restrict", "Strict"}.
HttpHeader splitHeader(std::string_view line) {
  size_t colon = line.find(':');
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  return {line.substr(0, colon), value};
}

}  // namespace

bool parseYouTubeRestrict(std::string_view text, YouTubeRestrict* out) {
  if (text == "strict") {
    *out = YouTubeRestrict::kStrict;
  } else if (text == "moderate") {
    *out = YouTubeRestrict::kModerate;
  } else {
    return false;
  }
  return true;
}

SafeSearchEdit enforceSafeSearch(std::string_view host, std::string_view path,
                                 std::string_view query, const SafeSearchSettings& settings) {
  SafeSearchEdit edit;
  edit.rule = policy::findSafeSearch(host);
  edit.query = std::string(query);
  if (edit.rule == nullptr) return edit;

  if (!edit.rule->query_param.empty() && !query.empty()) {
    std::string_view param = edit.rule->query_param;  // "safe=active"
    size_t eq = param.find('=');
    edit.query = forceQueryParam(query, param.substr(0, eq), param.substr(eq + 1));
    edit.query_changed = edit.query != query;
  }
  if (!edit.rule->header.empty()) {
    HttpHeader header = splitHeader(edit.rule->header);
    if (isYouTube(*edit.rule) && settings.youtube == YouTubeRestrict::kModerate) {
      header = {kYouTubeHeader, "Moderate"};
    }
    edit.headers.push_back(header);
  }
  return edit;
}

std::string safeSearchTarget(std::string_view path, const SafeSearchEdit& edit) {
  std::string target(path.empty() ? "/" : path);
  if (!edit.query.empty()) {
    target += '?';
    target += edit.query;
  }
  return target;
}

std::string_view connectSafeHost(std::string_view host, const SafeSearchSettings& settings) {
  const policy::SafeSearchRule* rule = policy::findSafeSearch(host);
  if (rule == nullptr) return {};
  if (isYouTube(*rule) && settings.youtube == YouTubeRestrict::kModerate) {
    return kYouTubeModerateHost;
  }
  return rule->rewrite_host;
}

}  // namespace esafety::search
