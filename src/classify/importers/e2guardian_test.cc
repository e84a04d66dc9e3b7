#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "classify/importers/test_support.h"

namespace esafety::classify {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::runImport;

ImportRequest e2g(std::string path, std::string category = "") {
  return testing::request(std::move(path), ListFormat::kE2Guardian, std::move(category));
}

TEST(importers_E2Guardian, ListCategoryNamesTheEntries) {
  MemoryFileSystem fs;
  fs.put("/e2/bannedsitelist",
         "#domains in banned list\n"
         "#listcategory: \"Banned Sites\"\n"
         "badboys.com\n"
         ".gov\n"
         "*.wild.example\n"
         "members.home.net/uporn\n"
         "192.0.2.9\n"
         "**\n");
  auto run = runImport(fs, e2g("/e2/bannedsitelist"));
  EXPECT_THAT(run.entries(), ElementsAre("domain badboys.com /e2/bannedsitelist:3",
                                         "domain gov /e2/bannedsitelist:4",
                                         "domain wild.example /e2/bannedsitelist:5",
                                         "url members.home.net/uporn /e2/bannedsitelist:6",
                                         "cidr 192.0.2.9 /e2/bannedsitelist:7"));
  EXPECT_THAT(run.categories(), ::testing::Each("banned-sites"));
  EXPECT_THAT(run.problems(), ElementsAre("/e2/bannedsitelist:8: warning"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("blanket block"));
}

TEST(importers_E2Guardian, RequestCategoryWinsOverListCategory) {
  MemoryFileSystem fs;
  fs.put("/e2/list", "#listcategory: \"Pornography\"\nx.example\n");
  auto run = runImport(fs, e2g("/e2/list", "illegal"));
  EXPECT_THAT(run.categories(), ElementsAre("illegal"));
}

TEST(importers_E2Guardian, NoCategoryIsAnErrorOnEveryEntryLine) {
  MemoryFileSystem fs;
  fs.put("/e2/list", "# no category here\n.Include</e2/other>\na.example\n\nb.example\n");
  fs.put("/e2/other", "#listcategory: \"Drugs\"\nweed.example\n");
  auto run = runImport(fs, e2g("/e2/list"));
  // The included file names its own category, so its entries still arrive.
  EXPECT_THAT(run.entries(), ElementsAre("domain weed.example /e2/other:2"));
  EXPECT_THAT(run.categories(), ElementsAre("drugs"));
  EXPECT_THAT(run.problems(), ElementsAre("/e2/list:3: error", "/e2/list:5: error"));
  EXPECT_THAT(run.problem_list.problems()[0].reason,
              HasSubstr("no category: pass --category or add #listcategory"));
}

TEST(importers_E2Guardian, IncludesFollowAbsoluteAndRelativePathsAndInheritTheCategory) {
  MemoryFileSystem fs;
  fs.put("/e2/lists/bannedsitelist",
         "#listcategory: \"Banned Sites\"\n"
         ".Include</e2/lists/blacklists/adult/domains>  #ALPHA#\n"
         ".Include<blacklists/local>\n"
         "after.example\n");
  fs.put("/e2/lists/blacklists/adult/domains", "#listcategory: \"Adult\"\nporn.example\n");
  fs.put("/e2/lists/blacklists/local", "mine.example\n");
  auto run = runImport(fs, e2g("/e2/lists/bannedsitelist"));
  EXPECT_THAT(run.entries(), ElementsAre("domain porn.example /e2/lists/blacklists/adult/domains:2",
                                         "domain mine.example /e2/lists/blacklists/local:1",
                                         "domain after.example /e2/lists/bannedsitelist:4"));
  EXPECT_THAT(run.categories(), ElementsAre("pornography", "banned-sites", "banned-sites"));
  EXPECT_THAT(run.problems(), IsEmpty());
  EXPECT_EQ(run.stats.files, 3u);
}

TEST(importers_E2Guardian, MissingIncludeIsAnErrorAtTheIncludeLine) {
  MemoryFileSystem fs;
  fs.put("/e2/list", "#listcategory: \"x\"\na.example\n.Include</e2/missing>\nb.example\n");
  auto run = runImport(fs, e2g("/e2/list"));
  EXPECT_THAT(run.entries(),
              ElementsAre("domain a.example /e2/list:2", "domain b.example /e2/list:4"));
  EXPECT_THAT(run.problems(), ElementsAre("/e2/list:3: error"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("/e2/missing"));
}

TEST(importers_E2Guardian, IncludeLoopIsAnErrorAtTheLineThatClosesIt) {
  MemoryFileSystem fs;
  fs.put("/e2/a", "#listcategory: \"x\"\na.example\n.Include</e2/b>\nlast.example\n");
  fs.put("/e2/b", "b.example\n.Include<./c>\n");
  fs.put("/e2/c", "c.example\n.Include</e2/sub/../a>\n.Include</e2/c>\n");
  auto run = runImport(fs, e2g("/e2/a"));
  EXPECT_THAT(run.entries(),
              ElementsAre("domain a.example /e2/a:2", "domain b.example /e2/b:1",
                          "domain c.example /e2/c:1", "domain last.example /e2/a:4"));
  EXPECT_THAT(run.problems(), ElementsAre("/e2/c:2: error", "/e2/c:3: error"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("include loop"));
}

TEST(importers_E2Guardian, DeepIncludeChainIsCutAtTheLimit) {
  MemoryFileSystem fs;
  for (int i = 0; i < 40; ++i) {
    fs.put("/e2/l" + std::to_string(i),
           "n" + std::to_string(i) + ".example\n.Include</e2/l" + std::to_string(i + 1) + ">\n");
  }
  auto run = runImport(fs, e2g("/e2/l0", "test"));
  EXPECT_EQ(run.entries().size(), static_cast<size_t>(kMaxIncludeDepth));
  EXPECT_THAT(run.problems(), ElementsAre("/e2/l15:2: error"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("deeper than 16"));
}

TEST(importers_E2Guardian, TimeLimitsAreAWarning) {
  MemoryFileSystem fs;
  fs.put("/e2/list", "#listcategory: \"games\"\n#time: 9 0 17 0 01234\nplay.example\n");
  auto run = runImport(fs, e2g("/e2/list"));
  EXPECT_THAT(run.entries(), ElementsAre("domain play.example /e2/list:3"));
  EXPECT_THAT(run.problems(), ElementsAre("/e2/list:2: warning"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("time rules"));
}

TEST(importers_E2Guardian, BadLinesAndBadIncludedFilesDoNotStopTheImport) {
  MemoryFileSystem fs;
  std::string junk(3000, '\0');
  fs.put("/e2/list",
         "#listcategory: \"x\"\r\n"
         ".Include</e2/junk>\r\n"
         ".Include</e2/empty>\r\n"
         ".Include</e2\r\n"
         "bad\x7Fline\r\n" +
             std::string(4100, 'a') + "\r\nok.example\r\n");
  fs.put("/e2/junk", junk);
  fs.put("/e2/empty", "");
  auto run = runImport(fs, e2g("/e2/list"));
  EXPECT_THAT(run.entries(), ElementsAre("domain ok.example /e2/list:7"));
  EXPECT_THAT(run.problems(),
              ElementsAre("/e2/junk:0: error", "/e2/empty:0: warning", "/e2/list:4: error",
                          "/e2/list:5: error", "/e2/list:6: error"));
}

}  // namespace
}  // namespace esafety::classify
