// Statement::rows: every row in order, an empty result, a reader's error
// stopping the walk, and SQLite's own error coming back as a Status.
#include "sqlite/statement.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sqlite/database.h"
#include "core/test_support.h"

namespace esafety::sqlite {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class StatementRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::open(dir_.file("rows.db"), {});
    ASSERT_TRUE(db.isOk()) << db.status().toString();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->exec("CREATE TABLE t (n INTEGER, word TEXT);"
                          "INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three');",
                          "test table")
                    .isOk());
  }

  Statement select(std::string_view sql) {
    auto st = db_->prepare(sql);
    EXPECT_TRUE(st.isOk()) << st.status().toString();
    return std::move(*st);
  }

  testing::TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(StatementRowsTest, ReadsEveryRowInOrder) {
  auto st = select("SELECT n, word FROM t ORDER BY n");
  auto words = st.rows([](const Statement& r) { return std::to_string(r.int64At(0)) + r.textAt(1); });
  ASSERT_TRUE(words.isOk()) << words.status().toString();
  EXPECT_THAT(*words, ElementsAre("1one", "2two", "3three"));
}

TEST_F(StatementRowsTest, NoRowsIsAnEmptyList) {
  auto st = select("SELECT n FROM t WHERE n > ?1");
  st.bind(1, int64_t{10});
  auto none = st.rows([](const Statement& r) { return r.int64At(0); });
  ASSERT_TRUE(none.isOk());
  EXPECT_TRUE(none->empty());
}

TEST_F(StatementRowsTest, AReadersErrorStopsTheWalk) {
  auto st = select("SELECT n FROM t ORDER BY n");
  int seen = 0;
  auto read = st.rows([&seen](const Statement& r) -> Result<int64_t> {
    ++seen;
    if (r.int64At(0) == 2) return dataLoss("row 2 is unreadable");
    return r.int64At(0);
  });
  EXPECT_EQ(read.status().code(), StatusCode::kDataLoss);
  EXPECT_THAT(read.status().message(), HasSubstr("row 2 is unreadable"));
  EXPECT_EQ(seen, 2) << "row 3 is not read after the error";
}

TEST_F(StatementRowsTest, SqlitesOwnErrorIsReturned) {
  // A bind past the last parameter fails, and the next step reports it.
  auto st = select("SELECT n FROM t WHERE n = ?1");
  st.bind(5, int64_t{1});
  auto read = st.rows([](const Statement& r) { return r.int64At(0); });
  EXPECT_FALSE(read.isOk());
}

}  // namespace
}  // namespace esafety::sqlite
