#include "policy/local_entries.h"

#include <fmt/format.h>

#include "core/text.h"

namespace esafety::policy {

classify::EntryKind patternKind(std::string_view pattern) {
  std::string_view p = trim(pattern);
  auto slash = p.find('/');
  std::string_view head = p.substr(0, slash);
  classify::HostKind kind = classify::HostKind::kName;
  auto host = classify::normalizeHost(head, &kind);
  if (host && kind != classify::HostKind::kName) {
    // "192.0.2.0/24" is a network; "192.0.2.1/path" is a URL on an IP host.
    std::string_view rest = slash == std::string_view::npos ? "" : p.substr(slash + 1);
    bool digits = !rest.empty() && rest.find_first_not_of("0123456789") == std::string_view::npos;
    if (slash == std::string_view::npos || digits) return classify::EntryKind::kCidr;
  }
  if (p.find("://") != std::string_view::npos) return classify::EntryKind::kUrl;
  return slash == std::string_view::npos ? classify::EntryKind::kDomain : classify::EntryKind::kUrl;
}

Result<std::string> normalizePattern(std::string_view pattern) {
  std::string_view p = trim(pattern);
  if (p.empty()) return invalidArgument("the site is empty");
  auto kind = patternKind(p);
  if (kind == classify::EntryKind::kCidr) {
    // Let the index builder judge the network text.
    classify::IndexBuilder probe;
    classify::ListEntry e;
    e.kind = kind;
    e.category = "probe";
    e.value = std::string(p);
    ESAFETY_RETURN_IF_ERROR(probe.add(e));
    return std::string(p);
  }
  auto url = classify::normalizeUrl(p);
  if (!url) return url.status();
  std::string out = url->host_kind == classify::HostKind::kIpv6 ? "[" + url->host + "]" : url->host;
  std::string path = url->path;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path != "/") out += path;
  if (!url->query.empty()) out += "?" + url->query;
  return out;
}

std::shared_ptr<const classify::CategoryIndex> compileLocalEntries(
    const std::vector<LocalEntry>& entries, std::string_view group,
    std::vector<std::string>& warnings) {
  classify::IndexBuilder builder;
  builder.declareCategory("deny");
  builder.declareCategory("allow");
  size_t used = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    const LocalEntry& entry = entries[i];
    if (!entry.group.empty() && entry.group != group) continue;
    classify::ListEntry e;
    e.kind = patternKind(entry.pattern);
    e.category = entry.action == Action::kBlock ? "deny" : "allow";
    e.value = entry.pattern;
    e.where = {"local", static_cast<uint32_t>(i + 1)};
    Status s = builder.add(e);
    if (!s.isOk()) {
      warnings.push_back(fmt::format("local {} entry '{}' left out: {}", e.category, entry.pattern,
                                     s.message()));
      continue;
    }
    ++used;
  }
  if (used == 0) return nullptr;
  classify::ProblemList problems;
  auto bytes = builder.build(problems);
  if (!bytes) {
    warnings.push_back("local entries could not be compiled: " + bytes.status().message());
    return nullptr;
  }
  auto index = classify::CategoryIndex::fromBytes(std::move(*bytes));
  if (!index) {
    warnings.push_back("local entries could not be loaded: " + index.status().message());
    return nullptr;
  }
  return *index;
}

}  // namespace esafety::policy
