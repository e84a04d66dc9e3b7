#include "control/list_folders.h"

#include <fmt/format.h>

#include <algorithm>

#include "control/data_dir.h"

namespace esafety::control {
namespace {

constexpr uint64_t kMiB = 1024 * 1024;

bool under(const std::string& path, const std::string& folder) {
  if (folder == "/") return true;
  return path == folder || (path.starts_with(folder) && path[folder.size()] == '/');
}

Status tooMuch(const std::string& path, uint64_t limit) {
  return Status(StatusCode::kResourceExhausted,
                fmt::format("{} not read: the lists read so far reach the limit of {} MB "
                            "([lists] max_total_mb)",
                            path, limit / kMiB));
}

}  // namespace

ListFolders ListFolders::forDataDir(const std::string& data_dir, const ServeConfig::Lists& config) {
  ListFolders out;
  out.folders.push_back(DataDir{data_dir}.listsDir());
  if (config.folders.empty()) {
    for (std::string_view f : ServeConfig::Lists::kDefaultFolders) out.folders.emplace_back(f);
  } else {
    out.folders.insert(out.folders.end(), config.folders.begin(), config.folders.end());
  }
  out.max_file_bytes = uint64_t{config.max_file_mb} * kMiB;
  out.max_total_bytes = uint64_t{config.max_total_mb} * kMiB;
  return out;
}

ConfinedListFiles::ConfinedListFiles(const FileSystem& inner, const ListFolders& folders)
    : inner_(inner),
      folders_(folders.folders),
      max_file_bytes_(folders.max_file_bytes),
      max_total_bytes_(folders.max_total_bytes) {}

std::vector<std::string> ConfinedListFiles::resolvedFolders() const {
  std::vector<std::string> resolved;
  for (const auto& folder : folders_) {
    auto real = inner_.canonicalPath(folder);
    if (real && std::find(resolved.begin(), resolved.end(), *real) == resolved.end()) {
      resolved.push_back(*real);
    }
  }
  return resolved;
}

Result<std::string> ConfinedListFiles::inside(const std::string& path) const {
  auto real = inner_.canonicalPath(path);
  if (!real) return notFound(fmt::format("{} does not exist on the server.", path));
  // Resolved on every check: a folder made later (lists/uploaded) counts at once.
  std::vector<std::string> resolved = resolvedFolders();
  for (const auto& folder : resolved) {
    if (under(*real, folder)) return real;
  }
  std::string allowed;
  for (const auto& folder : resolved) allowed += (allowed.empty() ? "" : ", ") + folder;
  std::string shown = *real == path ? path : fmt::format("{} (which is {})", path, *real);
  return permissionDenied(fmt::format(
      "{} is outside the list folders ({}); lists are read only from there. Move the "
      "list into one, or add its folder to [lists] folders in esafety.toml.",
      shown, allowed.empty() ? "none exist" : allowed));
}

Status ConfinedListFiles::check(const std::string& path) const {
  auto real = inside(path);
  if (real) return Status::ok();
  return Status(real.status().code(), "path: " + real.status().message());
}

Result<std::string> ConfinedListFiles::readFile(const std::string& path) const {
  return readRegularFile(path, max_file_bytes_);
}

Result<std::string> ConfinedListFiles::readRegularFile(const std::string& path,
                                                       uint64_t max_bytes) const {
  auto real = inside(path);
  if (!real) return real.status();
  uint64_t done = bytes_read_.load();
  if (done >= max_total_bytes_) return tooMuch(path, max_total_bytes_);
  uint64_t limit = std::min({max_bytes, max_file_bytes_, max_total_bytes_ - done});
  // The resolved path is opened, so a link changed after the check is not followed.
  auto text = inner_.readRegularFile(*real, limit);
  if (!text) {
    if (text.status().code() != StatusCode::kResourceExhausted) return text.status();
    if (limit < std::min(max_bytes, max_file_bytes_)) return tooMuch(path, max_total_bytes_);
    return Status(StatusCode::kResourceExhausted,
                  fmt::format("{} is bigger than {} MB, not read ([lists] max_file_mb)", path,
                              max_file_bytes_ / kMiB));
  }
  bytes_read_ += text->size();
  return text;
}

bool ConfinedListFiles::isDirectory(const std::string& path) const {
  auto real = inside(path);
  return real && inner_.isDirectory(*real);
}

bool ConfinedListFiles::exists(const std::string& path) const { return inside(path).isOk(); }

Result<std::vector<std::string>> ConfinedListFiles::listDirectory(const std::string& path) const {
  auto real = inside(path);
  if (!real) return real.status();
  return inner_.listDirectory(*real);
}

Result<uint64_t> ConfinedListFiles::fileSize(const std::string& path) const {
  auto real = inside(path);
  if (!real) return real.status();
  return inner_.fileSize(*real);
}

Result<std::string> ConfinedListFiles::canonicalPath(const std::string& path) const {
  return inside(path);
}

}  // namespace esafety::control
