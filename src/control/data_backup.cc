#include "control/data_backup.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "control/data_lock.h"
#include "event_log/sqlite_event_store.h"
#include "sqlite/backup.h"
#include "sqlite/database.h"
#include "core/file_system.h"

namespace esafety::control {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kManifest = "MANIFEST";
// Files besides the databases, relative to the data folder, kept when present.
constexpr std::string_view kPlainFiles[] = {"esafety.toml",        "index/categories.idx",
                                            "tls/ca.pem",          "tls/ca-key.pem",
                                            "tls/leaf-key.pem",    "tls/no-inspect.txt"};

bool isDatabase(std::string_view name) { return name == "esafety.db" || name == "events.db"; }

// Copies a file, creating it 0600 (never readable by others, even for a moment).
Status copyPrivate(const std::string& from, const std::string& to) {
  std::error_code ec;
  fs::create_directories(fs::path(to).parent_path(), ec);
  if (ec) return ioError(fmt::format("cannot create the folder of {}: {}", to, ec.message()));
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
  if (ec) return ioError(fmt::format("cannot copy {} to {}: {}", from, to, ec.message()));
  if (::chmod(to.c_str(), 0600) != 0) return ioError(fmt::format("cannot make {} private", to));
  return Status::ok();
}

std::string nowText() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::time(nullptr)));
}

// "key: value" lines of the MANIFEST.
std::string manifestValue(const std::string& text, std::string_view key) {
  std::istringstream in(text);
  std::string line;
  std::string prefix = std::string(key) + ": ";
  while (std::getline(in, line)) {
    if (line.starts_with(prefix)) return line.substr(prefix.size());
  }
  return "";
}

Result<uint64_t> pointListsAt(const std::string& db_path, const std::string& old_root,
                              const std::string& new_root) {
  auto db = sqlite::Database::open(db_path, {});
  if (!db) return db.status();
  auto st = (*db)->prepare(
      "UPDATE list_sources SET path = ?1 || substr(path, length(?2) + 1) "
      "WHERE substr(path, 1, length(?2) + 1) = ?2 || '/'");
  if (!st) return st.status();
  st->bind(1, std::string_view(new_root)).bind(2, std::string_view(old_root));
  ESAFETY_RETURN_IF_ERROR(st->run());
  return static_cast<uint64_t>((*db)->changes());
}

}  // namespace

Result<BackupReport> backupDataDir(const DataDir& dir, const std::string& dest,
                                   const BackupProgress& progress) {
  if (!dir.exists()) {
    return failedPrecondition(fmt::format("{} holds no esafety data to back up", dir.root));
  }
  auto start = std::chrono::steady_clock::now();
  std::error_code ec;
  if (fs::exists(dest, ec) && !fs::is_empty(dest, ec)) {
    return alreadyExists(fmt::format("{} exists and is not empty: give a new folder", dest));
  }
  fs::create_directories(dest, ec);
  if (ec) return ioError(fmt::format("cannot create {}: {}", dest, ec.message()));
  ::chmod(dest.c_str(), 0700);
  BackupReport report;
  report.folder = dest;
  std::string manifest = fmt::format("made_at: {}\nfrom: {}\n", nowText(), dir.root);
  auto add = [&](const std::string& name) {
    uint64_t bytes = fs::file_size(joinPath(dest, name), ec);
    report.files.push_back({name, bytes});
    manifest += fmt::format("file: {} {}\n", bytes, name);
  };
  for (const std::string& name : {std::string("esafety.db"), std::string("events.db")}) {
    std::string from = name == "events.db" ? events::eventsDatabasePath(dir.root)
                                           : dir.databasePath();
    if (name == "events.db" && !fs::exists(from, ec)) continue;  // never served yet
    std::string to = joinPath(dest, name);
    auto copied = sqlite::backupDatabase(from, to, [&](uint64_t done, uint64_t total) {
      if (progress) progress(name, done, total);
    });
    if (!copied) return copied.status();
    ESAFETY_RETURN_IF_ERROR(sqlite::checkIntegrity(to));
    add(name);
  }
  std::vector<std::string> plain(std::begin(kPlainFiles), std::end(kPlainFiles));
  for (fs::recursive_directory_iterator it(dir.listsDir(), ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->is_regular_file()) plain.push_back(fs::relative(it->path(), dir.root).string());
  }
  for (const auto& name : plain) {
    std::string from = joinPath(dir.root, name);
    if (!fs::is_regular_file(from, ec)) continue;
    ESAFETY_RETURN_IF_ERROR(copyPrivate(from, joinPath(dest, name)));
    add(name);
  }
  std::string manifest_path = joinPath(dest, kManifest);
  ESAFETY_RETURN_IF_ERROR(writeFileAtomically(manifest_path, manifest));
  ::chmod(manifest_path.c_str(), 0600);
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

Result<RestoreReport> restoreDataDir(const std::string& from, const DataDir& dir, bool replace) {
  RestoreReport report;
  auto manifest = RealFileSystem().readFile(joinPath(from, kManifest));
  if (!manifest) {
    return invalidArgument(fmt::format("{} is not an esafety backup (it has no {})", from,
                                       kManifest));
  }
  report.made_at = manifestValue(*manifest, "made_at");
  report.from_data = manifestValue(*manifest, "from");
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(from, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::string name = fs::relative(it->path(), from).string();
    if (name != kManifest) names.push_back(name);
  }
  if (std::find(names.begin(), names.end(), "esafety.db") == names.end()) {
    return invalidArgument(fmt::format("{} holds no esafety.db: not a whole backup", from));
  }
  // Every database is checked before anything in the data folder changes.
  for (const auto& name : names) {
    if (isDatabase(name)) ESAFETY_RETURN_IF_ERROR(sqlite::checkIntegrity(joinPath(from, name)));
  }
  ESAFETY_RETURN_IF_ERROR(dir.create());
  auto lock = DataDirLock::exclusive(dir);
  if (!lock) return lock.status();
  if (dir.exists() && !replace) {
    return failedPrecondition(fmt::format(
        "{} holds esafety data already: restore into a new folder, or pass --replace", dir.root));
  }
  for (const auto& name : names) {
    std::string target = joinPath(dir.root, name);
    std::string staged = target + ".restoring";
    ESAFETY_RETURN_IF_ERROR(copyPrivate(joinPath(from, name), staged));
    if (isDatabase(name)) {
      fs::remove(target + "-wal", ec);  // the old database's, not the backup's
      fs::remove(target + "-shm", ec);
    }
    fs::rename(staged, target, ec);
    if (ec) return ioError(fmt::format("cannot put {} in place: {}", target, ec.message()));
    report.files.push_back({name, fs::file_size(target, ec)});
  }
  if (!report.from_data.empty() && report.from_data != dir.root) {
    auto moved = pointListsAt(dir.databasePath(), report.from_data, dir.root);
    if (!moved) return moved.status();
    report.lists_moved = *moved;
  }
  return report;
}

}  // namespace esafety::control
