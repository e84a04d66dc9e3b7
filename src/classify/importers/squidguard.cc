#include "classify/importers/squidguard.h"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "classify/importers/line_source.h"
#include "classify/importers/list_value.h"

namespace esafety::classify::importers {
namespace {

struct FileJob {
  std::string path;
  SquidGuardFile kind;
  std::string category;
};

std::optional<SquidGuardFile> fileKind(std::string_view name) {
  if (name == "domains") return SquidGuardFile::kDomains;
  if (name == "urls") return SquidGuardFile::kUrls;
  if (name == "expressions") return SquidGuardFile::kExpressions;
  return std::nullopt;
}

// Files that list collections keep beside the lists, not worth a warning.
bool isKnownExtra(std::string_view name) {
  return name == "usage" || name == "README" || name == "LICENSE" || name.starts_with('.') ||
         name.ends_with(".diff") || name.ends_with(".db") || name.ends_with(".bak") ||
         name.ends_with(".gz") || name.ends_with(".md5");
}

std::string baseName(std::string_view path) {
  while (path.size() > 1 && path.ends_with('/')) path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool holdsListFile(const std::vector<std::string>& names) {
  for (const auto& name : names) {
    if (fileKind(name)) return true;
  }
  return false;
}

// Adds the list files of one category folder to `jobs`.
void planCategory(ImportContext& ctx, const std::string& folder,
                  const std::vector<std::string>& names, std::string_view category,
                  std::vector<FileJob>& jobs) {
  std::string name = category.empty() ? canonicalCategory(baseName(folder)) : std::string(category);
  for (const auto& file : names) {
    std::string path = joinPath(folder, file);
    if (auto kind = fileKind(file)) {
      jobs.push_back({path, *kind, name});
    } else if (!isKnownExtra(file) && !ctx.fs().isDirectory(path)) {
      ctx.warning(path, 0, "not a squidGuard list (domains, urls or expressions): skipped");
    }
  }
}

std::vector<FileJob> planImport(ImportContext& ctx, const std::string& path,
                                std::string_view category) {
  std::vector<FileJob> jobs;
  if (!ctx.fs().isDirectory(path)) {
    auto kind = fileKind(baseName(path));
    if (!kind) {
      ctx.error(path, 0, "not a squidGuard folder, nor a domains, urls or expressions file");
      return jobs;
    }
    std::string name =
        category.empty() ? canonicalCategory(baseName(parentPath(path))) : std::string(category);
    jobs.push_back({path, *kind, name});
    return jobs;
  }
  auto names = ctx.fs().listDirectory(path);
  if (!names) {
    ctx.error(path, 0, names.status().message());
    return jobs;
  }
  if (holdsListFile(*names)) {
    planCategory(ctx, path, *names, category, jobs);
    return jobs;
  }
  for (const auto& name : *names) {
    std::string folder = joinPath(path, name);
    if (!ctx.fs().isDirectory(folder)) continue;  // README, global_usage, ...
    auto files = ctx.fs().listDirectory(folder);
    if (files && holdsListFile(*files)) planCategory(ctx, folder, *files, category, jobs);
  }
  if (jobs.empty()) {
    ctx.error(path, 0, "no squidGuard category folders (with domains, urls or expressions) here");
  }
  return jobs;
}

}  // namespace

void importSquidGuardFile(ImportContext& ctx, const std::string& path, std::string_view text,
                          SquidGuardFile kind, std::string_view category) {
  LineSource lines(ctx, path, text);
  lines.setCategory(category);
  std::string_view line;
  while (lines.next(line)) {
    if (line.front() == '#') continue;
    if (kind == SquidGuardFile::kExpressions) {
      // A regular expression may hold '#' and spaces: the line is the entry.
      lines.add(EntryKind::kExpression, line);
      continue;
    }
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

void importSquidGuard(ImportContext& ctx, const std::string& path, std::string_view category) {
  std::vector<FileJob> jobs = planImport(ctx, path, category);
  uint64_t total = 0;
  for (const auto& job : jobs) {
    auto size = ctx.fs().fileSize(job.path);
    if (size) total += *size;
  }
  ctx.planBytes(total);
  for (const auto& job : jobs) {
    auto text = ctx.fs().readFile(job.path);
    if (!text) {
      ctx.error(job.path, 0, text.status().message());
      continue;
    }
    importSquidGuardFile(ctx, job.path, *text, job.kind, job.category);
  }
}

}  // namespace esafety::classify::importers
