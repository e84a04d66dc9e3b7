// backupDatabase: a consistent copy while another connection keeps writing
// (the copy holds every row committed before it began and no half-written
// transaction), mode 0600, standing alone without -wal; clear errors for a
// missing source, an existing destination and a damaged copy.
#include "sqlite/backup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/test_support.h"
#include "sqlite/database.h"

namespace esafety::sqlite {
namespace {

int64_t count(Database& db, std::string_view sql) {
  auto st = db.prepare(sql);
  EXPECT_TRUE(st.isOk()) << st.status().toString();
  auto row = st->step();
  EXPECT_TRUE(row.isOk() && *row);
  return st->int64At(0);
}

TEST(BackupTest, ACopyWhileAnotherConnectionWritesIsConsistent) {
  testing::TempDir dir;
  auto db = Database::open(dir.file("live.db"), {});
  ESAFETY_ASSERT_OK(db);
  ESAFETY_ASSERT_OK((*db)->exec("CREATE TABLE t (n INTEGER, pad TEXT)", "schema"));
  // Each transaction writes two rows, so a torn copy would show an odd count.
  auto write_pair = [](Database& d) {
    return d.exec("BEGIN; INSERT INTO t VALUES (1, randomblob(2000));"
                  "INSERT INTO t VALUES (2, randomblob(2000)); COMMIT;", "pair");
  };
  for (int i = 0; i < 2000; ++i) ESAFETY_ASSERT_OK(write_pair(**db));
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    auto other = Database::open(dir.file("live.db"), {});
    ASSERT_TRUE(other.isOk());
    while (!stop) {
      if (write_pair(**other).isOk()) ++written;
    }
  });
  uint64_t last_done = 0, steps = 0, total = 0;
  auto copied = backupDatabase(dir.file("live.db"), dir.file("copy.db"),
                               [&](uint64_t done, uint64_t all) {
                                 EXPECT_GE(done, last_done);
                                 last_done = done;
                                 total = all;
                                 ++steps;
                               });
  stop = true;
  writer.join();
  ESAFETY_ASSERT_OK(copied);
  EXPECT_GT(written.load(), 0) << "the writer was not held up";
  EXPECT_GT(steps, 1u) << "progress came in steps";
  EXPECT_EQ(last_done, total);
  EXPECT_GT(copied->bytes, 8'000'000u);
  ESAFETY_EXPECT_OK(checkIntegrity(dir.file("copy.db")));

  struct stat st {};
  ASSERT_EQ(::stat(dir.file("copy.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_FALSE(std::filesystem::exists(dir.file("copy.db-wal")));
  DatabaseOptions read_only;
  read_only.read_only = true;
  auto copy = Database::open(dir.file("copy.db"), read_only);
  ESAFETY_ASSERT_OK(copy);
  int64_t rows = count(**copy, "SELECT count(*) FROM t");
  EXPECT_GE(rows, 4000);
  EXPECT_EQ(rows % 2, 0) << "no transaction copied in half";
  EXPECT_LE(rows, count(**db, "SELECT count(*) FROM t"));
}

TEST(BackupTest, ClearErrors) {
  testing::TempDir dir;
  EXPECT_EQ(backupDatabase(dir.file("none.db"), dir.file("copy.db")).status().code(),
            StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir.file("copy.db")));
  {
    auto db = Database::open(dir.file("live.db"), {});
    ESAFETY_ASSERT_OK(db);
  }
  std::ofstream(dir.file("taken.db")) << "x";
  EXPECT_EQ(backupDatabase(dir.file("live.db"), dir.file("taken.db")).status().code(),
            StatusCode::kAlreadyExists);
  std::ofstream(dir.file("junk.db")) << std::string(8192, 'j');
  EXPECT_EQ(checkIntegrity(dir.file("junk.db")).code(), StatusCode::kDataLoss);
  EXPECT_EQ(checkIntegrity(dir.file("none.db")).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace esafety::sqlite
