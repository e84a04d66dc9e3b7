#include "classify/importers/e2guardian.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "classify/importers/line_source.h"
#include "classify/importers/list_value.h"
#include "core/text.h"

namespace esafety::classify::importers {
namespace {

// The files being read, outermost first, to catch include loops.
using IncludeChain = std::vector<std::string>;

// "/a/./b//c/../d" -> "/a/b/d", so one file has one name in the chain.
std::string lexicallyNormal(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = std::min(path.find('/', pos), path.size());
    std::string_view part = path.substr(pos, slash - pos);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!path.starts_with('/')) {
        parts.push_back(part);
      }
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    pos = slash + 1;
  }
  std::string out = path.starts_with('/') ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  return out;
}

// The value of the first "#listcategory: "Name"" line, or "".
std::string_view findListCategory(std::string_view text) {
  for (size_t at = text.find("#listcategory"); at != std::string_view::npos;
       at = text.find("#listcategory", at + 1)) {
    size_t line_start = text.rfind('\n', at);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    std::string_view before = stripBom(text.substr(line_start, at - line_start));
    if (!trim(before).empty()) continue;  // not at the start of a line
    std::string_view rest = text.substr(at + 13);
    rest = trim(rest.substr(0, rest.find('\n')));
    if (rest.starts_with(':')) rest = trim(rest.substr(1));
    if (rest.size() >= 2 && rest.front() == '"') rest = rest.substr(1, rest.find('"', 1) - 1);
    if (!rest.empty()) return rest;
  }
  return {};
}

bool isBlanketBlock(std::string_view entry) {
  return entry == "**" || entry == "*ip" || entry == "**s" || entry == "*ips";
}

void importFile(ImportContext& ctx, const std::string& path, std::string_view text,
                std::string_view category, bool category_fixed, IncludeChain& chain);

void followInclude(LineSource& lines, std::string_view line, std::string_view category,
                   bool category_fixed, IncludeChain& chain) {
  size_t close = line.find('>');
  if (close == std::string_view::npos || close <= 9) {
    lines.error("malformed .Include: expected .Include</path/to/list>");
    return;
  }
  std::string target =
      lexicallyNormal(joinPath(parentPath(lines.path()), line.substr(9, close - 9)));
  if (std::find(chain.begin(), chain.end(), target) != chain.end()) {
    lines.error(fmt::format("include loop: {} is already being read", target));
    return;
  }
  if (chain.size() >= static_cast<size_t>(kMaxIncludeDepth)) {
    lines.error(
        fmt::format(".Include chain deeper than {} files: {} not read", kMaxIncludeDepth, target));
    return;
  }
  ImportContext& ctx = lines.context();
  if (ctx.fs().isDirectory(target)) {
    lines.error(fmt::format("included path {} is a folder, not a list", target));
    return;
  }
  auto text = ctx.fs().readFile(target);
  if (!text) {
    lines.error(fmt::format("included file not read: {}", text.status().message()));
    return;
  }
  importFile(ctx, target, *text, category, category_fixed, chain);
}

void importFile(ImportContext& ctx, const std::string& path, std::string_view text,
                std::string_view category, bool category_fixed, IncludeChain& chain) {
  chain.push_back(lexicallyNormal(path));
  std::string own_category;
  if (!category_fixed) {
    if (std::string_view listed = findListCategory(text); !listed.empty()) {
      own_category = canonicalCategory(toUtf8(listed));
      category = own_category;
    }
  }
  LineSource lines(ctx, path, text);
  lines.setCategory(category);
  std::string_view line;
  while (lines.next(line)) {
    if (line.starts_with(".Include<")) {
      followInclude(lines, line, category, category_fixed, chain);
      continue;
    }
    if (line.starts_with("#time:")) {
      lines.warning("list time limits (#time:) are not applied: use a group's time rules instead");
      continue;
    }
    if (line.front() == '#') continue;
    std::string_view entry = stripInlineComment(line);
    if (entry.empty()) continue;
    if (isBlanketBlock(entry)) {
      lines.warning("old-style blanket block ignored: set the group's default action instead");
      continue;
    }
    if (category.empty()) {
      lines.error("no category: pass --category or add #listcategory");
      continue;
    }
    auto value = parseListValue(entry);
    if (!value) {
      lines.error(value.status().message());
      continue;
    }
    lines.add(value->kind, value->text);
  }
  chain.pop_back();
}

}  // namespace

bool looksLikeE2GuardianLine(std::string_view line) {
  return line.starts_with(".Include<") || line.starts_with("#listcategory");
}

void importE2Guardian(ImportContext& ctx, const std::string& path, std::string_view text,
                      std::string_view category) {
  IncludeChain chain;
  importFile(ctx, path, text, category, !category.empty(), chain);
}

}  // namespace esafety::classify::importers
