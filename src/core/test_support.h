// Test support shared by every area's tests (not part of any library the
// binary links): a temporary folder removed afterwards, and assertions that
// print a Status's words when a Result or Status is not ok.
//
//   TempDir dir;                                  // /tmp/esafety-test-XXXXXX
//   auto store = openSqliteStore(dir.file("esafety.db"), clock);
//   ESAFETY_ASSERT_OK(store);                     // stops the test, saying why
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/status.h"

namespace esafety::testing {

inline const Status& statusOf(const Status& s) { return s; }
template <typename T>
const Status& statusOf(const Result<T>& r) {
  return r.status();
}

#define ESAFETY_EXPECT_OK(expr)                                      \
  do {                                                               \
    const auto& result_ = (expr);                                    \
    EXPECT_TRUE(::esafety::testing::statusOf(result_).isOk())        \
        << ::esafety::testing::statusOf(result_).toString();         \
  } while (0)
#define ESAFETY_ASSERT_OK(expr)                                      \
  do {                                                               \
    const auto& result_ = (expr);                                    \
    ASSERT_TRUE(::esafety::testing::statusOf(result_).isOk())        \
        << ::esafety::testing::statusOf(result_).toString();         \
  } while (0)

// A fresh folder under the system's temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(std::string_view name) const;

 private:
  std::string path_;
};

}  // namespace esafety::testing
