#include "classify/importers/format_detect.h"

#include "classify/importers/adblock.h"
#include "classify/importers/e2guardian.h"
#include "classify/importers/hosts_file.h"
#include "core/text.h"

namespace esafety::classify::importers {

ListFormat detectListFormat(std::string_view text) {
  LineReader reader(text);
  std::string_view line;
  bool seen_entry = false;
  bool hosts = false;
  while (reader.lineNumber() < kDetectLines && reader.next(line)) {
    line = trim(line);
    if (line.empty()) continue;
    if (looksLikeE2GuardianLine(line)) return ListFormat::kE2Guardian;
    if (line.starts_with("[Adblock")) return ListFormat::kAdblock;
    if (line.front() == '#' || line.front() == '!') continue;
    if (!seen_entry) {
      seen_entry = true;
      if (looksLikeAdblockLine(line)) return ListFormat::kAdblock;
      hosts = looksLikeHostsLine(line);
    }
  }
  return hosts ? ListFormat::kHosts : ListFormat::kPlainDomains;
}

}  // namespace esafety::classify::importers
