// Test helpers for the store tests (core/test_support.h has the temporary
// folder and the OK assertions): a fixture that opens a real SQLite store in it with a FakeClock, and a raw
// SQLite connection for poking at the file behind the store's back (to prove
// the schema's triggers and to hold a lock).
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "core/test_support.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

struct sqlite3;

namespace esafety::store::testing {

using ::esafety::testing::statusOf;
using ::esafety::testing::TempDir;

// A plain SQLite connection to the same file, outside the store.
class RawDb {
 public:
  explicit RawDb(const std::string& path);
  ~RawDb();
  // SQLite's extended result code; the message is kept in lastError().
  int exec(const std::string& sql);
  const std::string& lastError() const { return last_error_; }
  // The first column of the first row, as text ("" if none).
  std::string queryText(const std::string& sql);

 private:
  sqlite3* db_ = nullptr;
  std::string last_error_;
};

class StoreTest : public ::testing::Test {
 protected:
  static constexpr int64_t kStartTime = 1772530200;  // 2026-03-03 09:30 UTC

  void SetUp() override;
  std::string dbPath() const { return dir_.file("esafety.db"); }
  // Closes the store and opens the same file again.
  void reopen();
  // Adds a plain category to `school_` (or `school`).
  void addCategory(const std::string& name, bool unoverridable = false, bool allow_list = false,
                   SchoolId school = 0);

  TempDir dir_;
  FakeClock clock_{LocalTime{}};
  std::unique_ptr<Store> store_;
  SchoolId school_ = 0;
};

}  // namespace esafety::store::testing
