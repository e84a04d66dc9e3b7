#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "classify/importers/test_support.h"

namespace esafety::classify {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::runImport;

TEST(importers_ImportList, FormatNamesRoundTrip) {
  for (ListFormat f : {ListFormat::kAuto, ListFormat::kSquidGuard, ListFormat::kE2Guardian,
                       ListFormat::kHosts, ListFormat::kPlainDomains, ListFormat::kAdblock}) {
    auto parsed = parseListFormat(listFormatName(f));
    ASSERT_TRUE(parsed.isOk()) << listFormatName(f);
    EXPECT_EQ(*parsed, f);
  }
  EXPECT_EQ(*parseListFormat(" UT1 "), ListFormat::kSquidGuard);
  EXPECT_EQ(*parseListFormat("DansGuardian"), ListFormat::kE2Guardian);
  auto bad = parseListFormat("csv");
  ASSERT_FALSE(bad.isOk());
  EXPECT_THAT(bad.status().message(), HasSubstr("csv"));
}

TEST(importers_ImportList, AFolderIsOnlySquidGuard) {
  MemoryFileSystem fs;
  fs.put("/l/dir/a", "x\n");
  auto run = runImport(fs, testing::request("/l/dir", ListFormat::kHosts, "x"));
  EXPECT_THAT(run.problems(), ElementsAre("/l/dir:0: error"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("folder"));
}

TEST(importers_ImportList, StatsCountLinesEntriesAndRejections) {
  MemoryFileSystem fs;
  fs.put("/l/a", "# c\n\na.example\nbad words\nb.example\n");
  auto run = runImport(fs, testing::request("/l/a", ListFormat::kAuto, "x"));
  EXPECT_EQ(run.stats.files, 1u);
  EXPECT_EQ(run.stats.lines, 5u);
  EXPECT_EQ(run.stats.entries, 2u);
  EXPECT_EQ(run.stats.rejected, 1u);
}

}  // namespace
}  // namespace esafety::classify
