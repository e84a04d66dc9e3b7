#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "classify/importers/test_support.h"

namespace esafety::classify {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::runImport;
using ::testing::UnorderedElementsAre;
using namespace std::string_literals;

// A small UT1 tree: category folders with the files UT1 ships.
MemoryFileSystem ut1Tree() {
  MemoryFileSystem fs;
  fs.put("/ut1/README", "UT1 blacklists\n");
  fs.put("/ut1/global_usage", "...\n");
  fs.put("/ut1/adult/domains", "porn.example\n192.0.2.5\n");
  fs.put("/ut1/adult/urls", "example.com/adult\nexample.org/~user/x\n");
  fs.put("/ut1/adult/expressions", "(^|[-.])sex(cam|chat)[^/]*\\.\n# comment\n");
  fs.put("/ut1/adult/usage", "black\n");
  fs.put("/ut1/adult/domains.diff", "+x.example\n");
  fs.put("/ut1/drogue/domains", "weed.example\n");
  fs.put("/ut1/agressif/domains", "hate.example\n");
  fs.put("/ut1/empty_folder/usage", "black\n");  // no list files: not a category
  return fs;
}

TEST(importers_SquidGuard, FolderOfCategoryFolders) {
  MemoryFileSystem fs = ut1Tree();
  auto run = runImport(fs, testing::request("/ut1", ListFormat::kSquidGuard));
  EXPECT_THAT(run.entries(), ElementsAre("domain porn.example /ut1/adult/domains:1",
                                         "cidr 192.0.2.5 /ut1/adult/domains:2",
                                         "expression (^|[-.])sex(cam|chat)[^/]*\\. "
                                         "/ut1/adult/expressions:1",
                                         "url example.com/adult /ut1/adult/urls:1",
                                         "url example.org/~user/x /ut1/adult/urls:2",
                                         "domain hate.example /ut1/agressif/domains:1",
                                         "domain weed.example /ut1/drogue/domains:1"));
  EXPECT_THAT(run.categories(), ElementsAre("pornography", "pornography", "pornography",
                                            "pornography", "pornography", "hate-speech", "drugs"));
  EXPECT_THAT(run.problems(), IsEmpty());
  EXPECT_EQ(run.stats.files, 5u);
}

TEST(importers_SquidGuard, AutoDetectsAFolder) {
  MemoryFileSystem fs = ut1Tree();
  auto run = runImport(fs, testing::request("/ut1"));
  EXPECT_EQ(run.entries().size(), 7u);
}

TEST(importers_SquidGuard, OneCategoryFolderWithTheRequestCategory) {
  MemoryFileSystem fs = ut1Tree();
  auto run = runImport(fs, testing::request("/ut1/drogue/", ListFormat::kAuto, "illegal"));
  EXPECT_THAT(run.entries(), ElementsAre("domain weed.example /ut1/drogue/domains:1"));
  EXPECT_THAT(run.categories(), ElementsAre("illegal"));
}

TEST(importers_SquidGuard, OneListFileTakesItsFolderName) {
  MemoryFileSystem fs = ut1Tree();
  auto run = runImport(fs, testing::request("/ut1/agressif/domains", ListFormat::kSquidGuard));
  EXPECT_THAT(run.entries(), ElementsAre("domain hate.example /ut1/agressif/domains:1"));
  EXPECT_THAT(run.categories(), ElementsAre("hate-speech"));
}

TEST(importers_SquidGuard, UnknownFileInACategoryIsAWarning) {
  MemoryFileSystem fs;
  fs.put("/sg/games/domains", "play.example\n");
  fs.put("/sg/games/notes.txt", "hello\n");
  auto run = runImport(fs, testing::request("/sg"));
  EXPECT_THAT(run.entries(), ElementsAre("domain play.example /sg/games/domains:1"));
  EXPECT_THAT(run.problems(), ElementsAre("/sg/games/notes.txt:0: warning"));
}

TEST(importers_SquidGuard, BadFilesAndLinesAreReportedAndOtherCategoriesStillImport) {
  MemoryFileSystem fs;
  std::string junk;
  for (int i = 0; i < 2000; ++i) junk += static_cast<char>(i % 32);
  fs.put("/sg/a/domains", junk);
  fs.put("/sg/b/domains", "");
  fs.put("/sg/c/domains", "ok.example\ntwo words\n\xFF\xFE\x00\x01\nlast.example\n"s);
  fs.put("/sg/c/urls", "ok.example/path\n");
  auto run = runImport(fs, testing::request("/sg"));
  EXPECT_THAT(run.entries(), ElementsAre("domain ok.example /sg/c/domains:1",
                                         "domain last.example /sg/c/domains:4",
                                         "url ok.example/path /sg/c/urls:1"));
  EXPECT_THAT(run.problems(), ElementsAre("/sg/a/domains:0: error", "/sg/b/domains:0: warning",
                                          "/sg/c/domains:2: error", "/sg/c/domains:3: error"));
}

TEST(importers_SquidGuard, FolderWithoutCategoriesIsAnError) {
  MemoryFileSystem fs;
  fs.put("/sg/README", "x\n");
  auto run = runImport(fs, testing::request("/sg", ListFormat::kSquidGuard));
  EXPECT_THAT(run.problems(), ElementsAre("/sg:0: error"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("no squidGuard category"));
}

TEST(importers_SquidGuard, ProgressCoversEveryFileAndEnds) {
  MemoryFileSystem fs = ut1Tree();
  auto run = runImport(fs, testing::request("/ut1"));
  ASSERT_FALSE(run.progress.calls.empty());
  const auto& last = run.progress.calls.back();
  EXPECT_EQ(last.done, last.total);
  uint64_t sizes = 0;
  for (const char* f : {"/ut1/adult/domains", "/ut1/adult/urls", "/ut1/adult/expressions",
                        "/ut1/drogue/domains", "/ut1/agressif/domains"}) {
    sizes += *fs.fileSize(f);
  }
  EXPECT_EQ(last.total, sizes);
  EXPECT_EQ(run.progress.calls.size(), 5u);  // small files: once at the end of each
}

}  // namespace
}  // namespace esafety::classify
