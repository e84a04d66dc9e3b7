#include "classify/importers/plain_domains.h"

#include "classify/importers/line_source.h"
#include "classify/importers/list_value.h"

namespace esafety::classify::importers {

void importPlainDomains(ImportContext& ctx, const std::string& path, std::string_view text,
                        std::string_view category) {
  LineSource lines(ctx, path, text);
  lines.setCategory(category);
  std::string_view line;
  while (lines.next(line)) {
    if (line.front() == '#') continue;
    std::string_view entry = stripInlineComment(line);
    if (entry.empty()) continue;
    auto value = parseListValue(entry);
    if (!value) {
      lines.error(value.status().message());
      continue;
    }
    lines.add(value->kind, value->text);
  }
}

}  // namespace esafety::classify::importers
