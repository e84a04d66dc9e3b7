#include "classify/importers/hosts_file.h"

#include <array>

#include "classify/importers/ip_literal.h"
#include "classify/importers/line_source.h"
#include "classify/importers/list_value.h"
#include "core/text.h"

namespace esafety::classify::importers {
namespace {

// The names hosts files define for the machine itself (Debian's /etc/hosts,
// StevenBlack's and Pi-hole's headers). Blocking them would block nothing.
constexpr std::array<std::string_view, 12> kHostNamesToSkip = {
    "localhost",     "localhost.localdomain", "local",        "broadcasthost",
    "ip6-localhost", "ip6-loopback",          "ip6-localnet", "ip6-mcastprefix",
    "ip6-allnodes",  "ip6-allrouters",        "ip6-allhosts", "0.0.0.0",
};

bool isOwnHostName(std::string_view name) {
  for (std::string_view skip : kHostNamesToSkip) {
    if (name.size() != skip.size()) continue;
    if (asciiLower(name) == skip) return true;
  }
  return false;
}

// Splits off the first word of `rest` (separated by spaces or tabs).
std::string_view nextWord(std::string_view& rest) {
  size_t start = rest.find_first_not_of(" \t");
  if (start == std::string_view::npos) {
    rest = {};
    return {};
  }
  size_t end = rest.find_first_of(" \t", start);
  std::string_view word = rest.substr(start, end == std::string_view::npos ? end : end - start);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  return word;
}

bool isHostAddress(std::string_view word) {
  size_t zone = word.find('%');  // "fe80::1%lo0"
  if (zone != std::string_view::npos) word = word.substr(0, zone);
  return isIpLiteral(word);
}

}  // namespace

bool looksLikeHostsLine(std::string_view line) {
  std::string_view rest = stripInlineComment(line);
  return isHostAddress(nextWord(rest)) && !nextWord(rest).empty();
}

void importHostsFile(ImportContext& ctx, const std::string& path, std::string_view text,
                     std::string_view category) {
  LineSource lines(ctx, path, text);
  lines.setCategory(category);
  std::string_view line;
  while (lines.next(line)) {
    if (line.front() == '#') continue;
    std::string_view rest = stripInlineComment(line);
    if (rest.empty()) continue;
    if (!isHostAddress(nextWord(rest))) {
      lines.error("expected an address first, as in \"0.0.0.0 ads.example.com\"");
      continue;
    }
    bool any_name = false;
    for (std::string_view name = nextWord(rest); !name.empty(); name = nextWord(rest)) {
      any_name = true;
      if (isOwnHostName(name) || isIpLiteral(name)) continue;
      lines.add(EntryKind::kDomain, name);
    }
    if (!any_name) lines.error("an address with no name after it");
  }
}

}  // namespace esafety::classify::importers
