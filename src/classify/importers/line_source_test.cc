#include "classify/importers/line_source.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "classify/importers/test_support.h"

namespace esafety::classify {
namespace {

using ::testing::ElementsAre;
using testing::runImport;

TEST(importers_LineSource, YieldsTrimmedNonBlankLinesWithTheirNumbers) {
  MemoryFileSystem fs;
  testing::CollectingSink sink;
  ProblemList problems;
  importers::ImportContext ctx(fs, sink, problems, nullptr);
  std::string path = "/l/a";
  std::vector<std::string> seen;
  {
    importers::LineSource lines(ctx, path, "\xEF\xBB\xBF  one \r\n\r\n\t\ttwo\nthree");
    std::string_view line;
    while (lines.next(line))
      seen.push_back(std::to_string(lines.lineNumber()) + ":" + std::string(line));
  }
  EXPECT_THAT(seen, ElementsAre("1:one", "3:two", "4:three"));
  EXPECT_EQ(ctx.stats().lines, 4u);
  EXPECT_EQ(ctx.stats().files, 1u);
  EXPECT_TRUE(problems.problems().empty());
}

TEST(importers_LineSource, ProgressAtLeastEveryMebibyteAndAtTheEnd) {
  MemoryFileSystem fs;
  std::string big;
  for (int i = 0; big.size() < 3 * 1024 * 1024 + 100; ++i)
    big += "host" + std::to_string(i) + ".example\n";
  fs.put("/l/big", big);
  auto run = runImport(fs, testing::request("/l/big", ListFormat::kAuto, "x"));
  const auto& calls = run.progress.calls;
  ASSERT_GE(calls.size(), 4u);
  uint64_t previous = 0;
  for (const auto& call : calls) {
    EXPECT_EQ(call.file, "/l/big");
    EXPECT_LE(call.done - previous, 1024u * 1024u + 64u);  // a step plus at most one line
    EXPECT_EQ(call.total, big.size());
    previous = call.done;
  }
  EXPECT_EQ(calls.back().done, big.size());
}

TEST(importers_LineSource, ProgressTotalGrowsWithIncludedFiles) {
  MemoryFileSystem fs;
  fs.put("/e2/a", "#listcategory: \"x\"\n.Include</e2/b>\n");
  fs.put("/e2/b", "b.example\n");
  auto run = runImport(fs, testing::request("/e2/a"));
  ASSERT_EQ(run.progress.calls.size(), 2u);
  EXPECT_EQ(run.progress.calls[0].file, "/e2/b");
  EXPECT_EQ(run.progress.calls[1].file, "/e2/a");
  uint64_t both = *fs.fileSize("/e2/a") + *fs.fileSize("/e2/b");
  EXPECT_EQ(run.progress.calls[1].done, both);
  EXPECT_EQ(run.progress.calls[1].total, both);
}

}  // namespace
}  // namespace esafety::classify
