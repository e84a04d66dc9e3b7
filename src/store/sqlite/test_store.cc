#include "store/sqlite/test_store.h"

#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>

namespace esafety::store::testing {

RawDb::RawDb(const std::string& path) {
  EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
  sqlite3_extended_result_codes(db_, 1);
  EXPECT_EQ(exec("PRAGMA foreign_keys = ON"), SQLITE_OK);
}

RawDb::~RawDb() { sqlite3_close_v2(db_); }

int RawDb::exec(const std::string& sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  last_error_ = message != nullptr ? message : "";
  sqlite3_free(message);
  return rc == SQLITE_OK ? rc : sqlite3_extended_errcode(db_);
}

std::string RawDb::queryText(const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != nullptr) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  return out;
}

void StoreTest::SetUp() {
  clock_.setUnix(kStartTime);
  auto opened = openSqliteStore(dbPath(), clock_);
  ASSERT_TRUE(opened.isOk()) << opened.status().toString();
  store_ = std::move(*opened);
  auto school = store_->createSchool("Test Primary", "100001", "setup");
  ASSERT_TRUE(school.isOk()) << school.status().toString();
  school_ = *school;
}

void StoreTest::reopen() {
  store_.reset();
  auto opened = openSqliteStore(dbPath(), clock_);
  ASSERT_TRUE(opened.isOk()) << opened.status().toString();
  store_ = std::move(*opened);
}

void StoreTest::addCategory(const std::string& name, bool unoverridable, bool allow_list,
                            SchoolId school) {
  policy::CategoryDef c{.name = name,
                        .title = "Title of " + name,
                        .description = "About " + name,
                        .unoverridable = unoverridable,
                        .allow_list = allow_list};
  ESAFETY_ASSERT_OK(store_->upsertCategory(school != 0 ? school : school_, c, "tester", "test"));
}

}  // namespace esafety::store::testing
