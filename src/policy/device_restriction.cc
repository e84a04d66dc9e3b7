#include "policy/device_restriction.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"

namespace esafety::policy {
namespace {

bool hostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

Status badEntry(std::string_view text, std::string_view why) {
  return invalidArgument(fmt::format("allow-list entry '{}': {}", text, why));
}

}  // namespace

std::string_view restrictionKindName(RestrictionKind kind) {
  return kind == RestrictionKind::kPause ? "pause" : "allow_list";
}

std::optional<RestrictionKind> parseRestrictionKind(std::string_view name) {
  if (name == "pause") return RestrictionKind::kPause;
  if (name == "allow_list" || name == "allow-list" || name == "restrict") return RestrictionKind::kAllowList;
  return std::nullopt;
}

Result<AllowEntry> parseAllowEntry(std::string_view text) {
  std::string_view rest = text;
  if (auto scheme = rest.find("://"); scheme != std::string_view::npos) {
    std::string scheme_name = asciiLower(rest.substr(0, scheme));
    if (scheme_name != "http" && scheme_name != "https") return badEntry(text, "only http and https addresses");
    rest.remove_prefix(scheme + 3);
  }
  rest = rest.substr(0, rest.find_first_of("?#"));
  const size_t slash = rest.find('/');
  std::string host = asciiLower(rest.substr(0, slash));
  std::string path = slash == std::string_view::npos ? std::string() : std::string(rest.substr(slash));
  if (auto colon = host.find(':'); colon != std::string::npos) host.erase(colon);  // a port
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.empty()) return badEntry(text, "give a site, e.g. bbc.co.uk/bitesize");
  if (host.size() > 253 || !std::all_of(host.begin(), host.end(), hostChar) || host.front() == '.' ||
      host.find("..") != std::string::npos) {
    return badEntry(text, "not a site's name (letters, digits, '-' and '.'; no '*')");
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (path.find_first_of(" \t\r\n") != std::string::npos) return badEntry(text, "no spaces in a path");
  return AllowEntry{std::move(host), std::move(path)};
}

Result<std::vector<AllowEntry>> parseAllowList(std::string_view text) {
  std::vector<AllowEntry> out;
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = std::min(text.find_first_of(", \t\r\n", at), text.size());
    std::string_view item = text.substr(at, end - at);
    at = end + 1;
    if (item.empty()) continue;
    auto entry = parseAllowEntry(item);
    if (!entry) return entry.status();
    if (std::find(out.begin(), out.end(), *entry) == out.end()) out.push_back(std::move(*entry));
    if (out.size() > kMaxAllowEntries) {
      return invalidArgument(fmt::format("an allow-list has at most {} sites", kMaxAllowEntries));
    }
  }
  if (out.empty()) return invalidArgument("an allow-list needs at least one site, e.g. bbc.co.uk/bitesize");
  return out;
}

std::string allowEntryText(const AllowEntry& entry) { return entry.host + entry.path_prefix; }

bool hostCovered(std::string_view host, std::string_view entry_host) {
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.size() < entry_host.size()) return false;
  const std::string tail = asciiLower(host.substr(host.size() - entry_host.size()));
  if (tail != entry_host) return false;
  return host.size() == entry_host.size() || host[host.size() - entry_host.size() - 1] == '.';
}

bool restrictionActive(const DeviceRestriction& r, int64_t now) { return r.until == 0 || now < r.until; }

RestrictionVerdict checkRestriction(const DeviceRestriction* r, int64_t now, std::string_view host,
                                    std::optional<std::string_view> path) {
  if (r == nullptr || !restrictionActive(*r, now)) return RestrictionVerdict::kNone;
  if (r->kind == RestrictionKind::kPause) return RestrictionVerdict::kPaused;
  for (const AllowEntry& e : r->allow) {
    if (!hostCovered(host, e.host)) continue;
    if (e.path_prefix.empty() || !path) return RestrictionVerdict::kAllowed;
    std::string_view p = path->substr(0, path->find_first_of("?#"));
    if (p.starts_with(e.path_prefix) && (p.size() == e.path_prefix.size() || p[e.path_prefix.size()] == '/')) {
      return RestrictionVerdict::kAllowed;
    }
  }
  return RestrictionVerdict::kNotOnList;
}

}  // namespace esafety::policy
