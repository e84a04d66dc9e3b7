// What goes wrong with the file itself: garbage, a lock held by another
// program, read-only access, a missing folder. Each is a clear Status, never a
// crash; and a transaction left uncommitted is rolled back.
#include <sqlite3.h>

#include <fstream>

#include "sqlite/database.h"
#include "store/sqlite/test_store.h"
#include "sqlite/transaction.h"

namespace esafety::store::testing {
namespace {

using ::testing::HasSubstr;

TEST(DatabaseErrors, AGarbageFileIsDataLoss) {
  TempDir dir;
  const std::string path = dir.file("esafety.db");
  std::ofstream(path) << std::string(4096, 'x') << "this is not a database\n";
  FakeClock clock{LocalTime{}};
  auto opened = openSqliteStore(path, clock);
  EXPECT_EQ(opened.status().code(), StatusCode::kDataLoss);
  EXPECT_THAT(opened.status().message(), HasSubstr(path + " is not an esafety database"));
}

TEST(DatabaseErrors, AMissingFolderIsAnIoError) {
  TempDir dir;
  FakeClock clock{LocalTime{}};
  auto opened = openSqliteStore(dir.file("no/such/folder/esafety.db"), clock);
  EXPECT_EQ(opened.status().code(), StatusCode::kIoError);
}

class LockedTest : public StoreTest {};

TEST_F(LockedTest, ALockHeldPastTheBusyTimeoutIsUnavailable) {
  store_.reset();
  auto opened = openSqliteStore(dbPath(), clock_, {.busy_timeout_ms = 50});
  ESAFETY_ASSERT_OK(opened);
  store_ = std::move(*opened);

  RawDb other(dbPath());
  ASSERT_EQ(other.exec("BEGIN IMMEDIATE"), SQLITE_OK);
  Status s = store_->setSetting(school_, "k", "v", "a");
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_THAT(s.message(), HasSubstr("busy"));
  // Readers are not blocked by the writer (WAL).
  auto read = store_->setting(school_, "k");
  ESAFETY_EXPECT_OK(read);
  // Opening another store on the same file works while it is locked.
  ESAFETY_EXPECT_OK(openSqliteStore(dbPath(), clock_, {.busy_timeout_ms = 50}));

  ASSERT_EQ(other.exec("COMMIT"), SQLITE_OK);
  ESAFETY_EXPECT_OK(store_->setSetting(school_, "k", "v", "a"));
}

TEST_F(LockedTest, AReadOnlyStoreReadsButRefusesWrites) {
  addCategory("games");
  store_.reset();
  auto opened = openSqliteStore(dbPath(), clock_, {.read_only = true});
  ESAFETY_ASSERT_OK(opened);
  store_ = std::move(*opened);
  auto games = store_->category(school_, "games");
  ESAFETY_ASSERT_OK(games);
  EXPECT_TRUE(games->has_value());
  Status s = store_->setSetting(school_, "k", "v", "a");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("read-only"));
}

TEST(DatabaseErrors, AReadOnlyOpenOfANewFileIsRefused) {
  TempDir dir;
  FakeClock clock{LocalTime{}};
  auto opened = openSqliteStore(dir.file("new.db"), clock, {.read_only = true});
  EXPECT_FALSE(opened.isOk());
}

TEST(Transactions, AnUncommittedTransactionIsRolledBack) {
  TempDir dir;
  auto db = sqlite::Database::open(dir.file("t.db"), {});
  ESAFETY_ASSERT_OK(db);
  ESAFETY_ASSERT_OK((*db)->exec("CREATE TABLE t (x INTEGER)", "test"));
  {
    auto tx = sqlite::Transaction::begin(**db, sqlite::Transaction::Kind::kWrite);
    ESAFETY_ASSERT_OK(tx);
    ESAFETY_ASSERT_OK((*db)->exec("INSERT INTO t VALUES (1)", "test"));
  }
  {
    auto tx = sqlite::Transaction::begin(**db, sqlite::Transaction::Kind::kWrite);
    ESAFETY_ASSERT_OK(tx);
    ESAFETY_ASSERT_OK((*db)->exec("INSERT INTO t VALUES (2)", "test"));
    ESAFETY_ASSERT_OK(tx->commit());
  }
  auto st = (*db)->prepare("SELECT group_concat(x) FROM t");
  ESAFETY_ASSERT_OK(st);
  auto row = st->step();
  ESAFETY_ASSERT_OK(row);
  EXPECT_EQ(st->textAt(0), "2");
  EXPECT_FALSE((*db)->inTransaction());
}

TEST(Transactions, DoNotNest) {
  TempDir dir;
  auto db = sqlite::Database::open(dir.file("t.db"), {});
  ESAFETY_ASSERT_OK(db);
  auto outer = sqlite::Transaction::begin(**db, sqlite::Transaction::Kind::kRead);
  ESAFETY_ASSERT_OK(outer);
  auto inner = sqlite::Transaction::begin(**db, sqlite::Transaction::Kind::kWrite);
  EXPECT_EQ(inner.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace esafety::store::testing
