#include "classify/importers/adblock.h"

#include <fmt/format.h>

#include "classify/importers/line_source.h"

namespace esafety::classify::importers {
namespace {

// Letters, digits, '-', '.', '_' and UTF-8 bytes (IDN names): a host, and
// nothing an Adblock pattern would treat specially.
bool isHostText(std::string_view text) {
  if (text.empty() || text.front() == '.' || text.front() == '-') return false;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.' || c == '_' || u >= 0x80;
    if (!ok) return false;
  }
  return true;
}

bool isCosmetic(std::string_view line) {
  for (std::string_view marker : {"##", "#@#", "#?#", "#$#", "#%#"}) {
    if (line.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

bool looksLikeAdblockLine(std::string_view line) {
  return line.starts_with("||") || line.starts_with("@@") || line.starts_with("[Adblock");
}

void importAdblock(ImportContext& ctx, const std::string& path, std::string_view text,
                   std::string_view category) {
  LineSource lines(ctx, path, text);
  lines.setCategory(category);
  std::string_view line;
  while (lines.next(line)) {
    if (line.front() == '!') continue;
    if (line.front() == '[' && line.back() == ']') continue;  // "[Adblock Plus 2.0]"
    if (line.front() == '#' && !isCosmetic(line)) continue;   // hosts-style comment
    if (isCosmetic(line)) {
      lines.warning("unsupported Adblock rule (cosmetic filter), not imported");
      continue;
    }
    std::string_view rule = line;
    bool exception = rule.starts_with("@@");
    if (exception) rule.remove_prefix(2);

    std::string_view options;
    if (size_t dollar = rule.find('$'); dollar != std::string_view::npos) {
      options = rule.substr(dollar + 1);
      rule = rule.substr(0, dollar);
    }
    std::string_view host = rule;
    if (host.starts_with("||")) {
      host.remove_prefix(2);
      if (host.ends_with('^')) host.remove_suffix(1);
    }
    if (!isHostText(host)) {
      lines.warning("unsupported Adblock rule, not imported: only \"||name^\" rules are used");
      continue;
    }
    if (options.find("badfilter") != std::string_view::npos) {
      lines.warning("unsupported Adblock rule ($badfilter), not imported");
      continue;
    }
    if (!options.empty()) {
      lines.warning(fmt::format("Adblock options ignored: ${}", excerpt(options)));
    }
    lines.add(EntryKind::kDomain, host, exception);
  }
}

}  // namespace esafety::classify::importers
