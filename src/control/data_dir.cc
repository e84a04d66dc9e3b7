#include "control/data_dir.h"

#include <filesystem>

#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace esafety::control {
namespace fs = std::filesystem;

Status DataDir::create() const {
  std::error_code ec;
  for (const std::string& dir : {root, root + "/index", listsDir()}) {
    fs::create_directories(dir, ec);
    if (ec) return ioError(fmt::format("cannot create {}: {}", dir, ec.message()));
    fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec,
                    fs::perm_options::replace, ec);
  }
  return Status::ok();
}

bool DataDir::exists() const {
  std::error_code ec;
  return fs::exists(databasePath(), ec);
}

Result<std::unique_ptr<store::Store>> openStore(const DataDir& dir, Clock& clock) {
  if (!dir.exists()) {
    return failedPrecondition(fmt::format(
        "{} holds no esafety data; run `esafety init --data {}` (or `esafety init --demo`) first",
        dir.root, dir.root));
  }
  return store::openSqliteStore(dir.databasePath(), clock);
}

}  // namespace esafety::control
