#include "control/school_setup.h"

#include <filesystem>

#include <fmt/format.h>

#include "core/config.h"
#include "core/file_system.h"
#include "control/demo_staff.h"
#include "control/list_folders.h"
#include "store/demo_school.h"
#include "store/sqlite/sqlite_store.h"

namespace esafety::control {

Result<CompileReport> initDataDir(const DataDir& dir, const SetupOptions& options, Clock& clock,
                                  classify::ProgressSink* progress,
                                  classify::ProblemSink& problems) {
  if (dir.exists()) {
    if (!options.force) {
      return alreadyExists(fmt::format(
          "{} already holds an esafety database; add --force to replace it (this deletes its "
          "policy, devices and audit trail)",
          dir.databasePath()));
    }
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(dir.databasePath() + suffix, ec);
    }
    std::filesystem::remove(dir.indexPath(), ec);
  }
  ESAFETY_RETURN_IF_ERROR(dir.create());
  auto store = store::openSqliteStore(dir.databasePath(), clock);
  if (!store) return store.status();
  if (options.demo) {
    ESAFETY_RETURN_IF_ERROR(store::writeDemoLists(dir.listsDir() + "/demo"));
    ESAFETY_RETURN_IF_ERROR(
        store::seedDemoSchool(**store, dir.listsDir() + "/demo", options.actor));
    ESAFETY_RETURN_IF_ERROR(seedDemoStaff(**store, clock, options.actor));
  } else {
    ESAFETY_RETURN_IF_ERROR(
        store::seedDefaultSchool(**store, options.school_name, options.urn, options.actor));
  }
  // The settings file, with every default shown; an existing one is kept.
  std::string config_path = dir.root + "/esafety.toml";
  if (!std::filesystem::exists(config_path)) {
    ESAFETY_RETURN_IF_ERROR(writeFileAtomically(config_path, defaultServeConfigText()));
  }
  auto config = loadServeConfig(config_path);
  if (!config) return config.status();
  RealFileSystem real;
  ConfinedListFiles fs(real, ListFolders::forDataDir(dir.root, config->lists));
  return compileLists(**store, policy::kDefaultSchool, fs, dir.indexPath(), progress, problems);
}

}  // namespace esafety::control
