#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "classify/importers/test_support.h"

namespace esafety::classify {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::runImport;

ImportRequest adblock(std::string path) {
  return testing::request(std::move(path), ListFormat::kAdblock, "advertising");
}

TEST(importers_Adblock, HostRulesAndExceptions) {
  MemoryFileSystem fs;
  fs.put("/l/filter.txt",
         "[Adblock Plus 2.0]\n"
         "! Title: test list\n"
         "# hosts-style comment\n"
         "||ads.example.com^\n"
         "@@||good.example.com^\n"
         "||no-caret.example\n"
         "plain.example\n");
  auto run = runImport(fs, adblock("/l/filter.txt"));
  EXPECT_THAT(run.entries(), ElementsAre("domain ads.example.com /l/filter.txt:4",
                                         "exception domain good.example.com /l/filter.txt:5",
                                         "domain no-caret.example /l/filter.txt:6",
                                         "domain plain.example /l/filter.txt:7"));
  EXPECT_THAT(run.problems(), IsEmpty());
}

TEST(importers_Adblock, OptionsAreIgnoredWithAWarning) {
  MemoryFileSystem fs;
  fs.put("/l/f.txt", "||ads.example^$third-party\n@@||ok.example^$important\n");
  auto run = runImport(fs, adblock("/l/f.txt"));
  EXPECT_THAT(run.entries(), ElementsAre("domain ads.example /l/f.txt:1",
                                         "exception domain ok.example /l/f.txt:2"));
  EXPECT_THAT(run.problems(), ElementsAre("/l/f.txt:1: warning", "/l/f.txt:2: warning"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("$third-party"));
}

TEST(importers_Adblock, OtherRulesAreUnsupportedWarningsAndTheRestIsRead) {
  MemoryFileSystem fs;
  fs.put("/l/f.txt",
         "|http://example.com/path|\n"
         "/banner[0-9]+\\.gif/\n"
         "example.com##.advert\n"
         "##.sponsored\n"
         "example.org#@#.ad\n"
         "||*.wild.example^\n"
         "||example.net/ads/\n"
         "||bad.example^$badfilter\n"
         "||kept.example^\n");
  auto run = runImport(fs, adblock("/l/f.txt"));
  EXPECT_THAT(run.entries(), ElementsAre("domain kept.example /l/f.txt:9"));
  ASSERT_EQ(run.problems().size(), 8u);
  for (size_t i = 0; i < 8; ++i) {
    const auto& problem = run.problem_list.problems()[i];
    EXPECT_EQ(problem.where.line, i + 1);
    EXPECT_EQ(problem.severity, Severity::kWarning);
    EXPECT_THAT(problem.reason, HasSubstr("unsupported Adblock rule"));
  }
  EXPECT_EQ(run.stats.rejected, 0u);
}

TEST(importers_Adblock, BadLinesAreErrorsAndTheRestIsRead) {
  MemoryFileSystem fs;
  fs.put("/l/f.txt",
         "||a.example^\r\n||b\x01.example^\r\n" + std::string(5000, '|') + "\r\n||c.example^\r\n");
  auto run = runImport(fs, adblock("/l/f.txt"));
  EXPECT_THAT(run.entries(),
              ElementsAre("domain a.example /l/f.txt:1", "domain c.example /l/f.txt:4"));
  EXPECT_THAT(run.problems(), ElementsAre("/l/f.txt:2: error", "/l/f.txt:3: error"));
}

}  // namespace
}  // namespace esafety::classify
