// Backup and restore of a data folder: what a restore puts back equals what
// was backed up (people, audit rows, lists pointed at the new folder), files
// are 0600; a restore refuses while a server holds the folder, refuses to
// replace data unless asked, and changes nothing for a damaged backup.
#include "control/data_backup.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "control/data_lock.h"
#include "control/school_setup.h"
#include "core/test_support.h"

namespace esafety::control {
namespace {

namespace fs = std::filesystem;

class DataBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    live_.root = tmp_.file("live");
    SetupOptions options;
    options.demo = true;
    classify::ProblemList problems;
    ESAFETY_ASSERT_OK(initDataDir(live_, options, clock_, nullptr, problems));
  }
  size_t auditRows(const DataDir& dir) {
    auto store = openStore(dir, clock_);
    EXPECT_TRUE(store.isOk());
    auto rows = (*store)->audit(policy::kDefaultSchool, 100000);
    return rows ? rows->size() : 0;
  }
  mode_t mode(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 0777;
  }

  testing::TempDir tmp_;
  SystemClock clock_;
  DataDir live_;
};

TEST_F(DataBackupTest, ARestoreInANewFolderEqualsTheBackup) {
  auto made = backupDataDir(live_, tmp_.file("backup"));
  ESAFETY_ASSERT_OK(made);
  EXPECT_EQ(mode(tmp_.file("backup")), 0700u);
  EXPECT_EQ(mode(tmp_.file("backup/esafety.db")), 0600u);
  EXPECT_TRUE(fs::exists(tmp_.file("backup/index/categories.idx")));
  EXPECT_TRUE(fs::exists(tmp_.file("backup/MANIFEST")));

  DataDir fresh{tmp_.file("restored")};
  auto restored = restoreDataDir(tmp_.file("backup"), fresh, false);
  ESAFETY_ASSERT_OK(restored);
  EXPECT_EQ(restored->from_data, live_.root);
  EXPECT_GT(restored->lists_moved, 0u) << "the demo lists live in the data folder";
  EXPECT_EQ(auditRows(fresh), auditRows(live_));
  auto store = openStore(fresh, clock_);
  ESAFETY_ASSERT_OK(store);
  auto sources = (*store)->listSources(policy::kDefaultSchool);
  ESAFETY_ASSERT_OK(sources);
  for (const auto& s : *sources) EXPECT_TRUE(s.path.starts_with(fresh.root + "/")) << s.path;
  EXPECT_EQ(mode(fresh.databasePath()), 0600u);

  // A second restore over it needs --replace.
  auto again = restoreDataDir(tmp_.file("backup"), fresh, false);
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  ESAFETY_EXPECT_OK(restoreDataDir(tmp_.file("backup"), fresh, true));
}

TEST_F(DataBackupTest, ARestoreRefusesWhileServing) {
  ESAFETY_ASSERT_OK(backupDataDir(live_, tmp_.file("backup")));
  auto serving = DataDirLock::shared(live_);
  ESAFETY_ASSERT_OK(serving);
  auto refused = restoreDataDir(tmp_.file("backup"), live_, true);
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("esafety serve is running"), std::string::npos);
}

TEST_F(DataBackupTest, ADamagedBackupChangesNothing) {
  ESAFETY_ASSERT_OK(backupDataDir(live_, tmp_.file("backup")));
  {
    std::fstream f(tmp_.file("backup/esafety.db"), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 * 3);
    f << std::string(4096, '\x5a');
  }
  size_t before = auditRows(live_);
  auto restored = restoreDataDir(tmp_.file("backup"), live_, true);
  EXPECT_EQ(restored.status().code(), StatusCode::kDataLoss) << restored.status().toString();
  EXPECT_EQ(auditRows(live_), before);
  EXPECT_EQ(backupDataDir(live_, tmp_.file("backup")).status().code(),
            StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace esafety::control
