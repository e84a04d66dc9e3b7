#include "control/school_setup.h"

#include <filesystem>

#include <fmt/format.h>

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
  } else {
    ESAFETY_RETURN_IF_ERROR(
        store::seedDefaultSchool(**store, options.school_name, options.urn, options.actor));
  }
  RealFileSystem fs;
  return compileLists(**store, policy::kDefaultSchool, fs, dir.indexPath(), progress, problems);
}

}  // namespace esafety::control
