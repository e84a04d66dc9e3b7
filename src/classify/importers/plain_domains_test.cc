#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "classify/importers/test_support.h"

namespace esafety::classify {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::runImport;
using namespace std::string_literals;

ImportRequest plain(std::string path) {
  return testing::request(std::move(path), ListFormat::kPlainDomains, "games");
}

TEST(importers_PlainDomains, ReadsNamesUrlsAndAddressesWithTheirLines) {
  MemoryFileSystem fs;
  fs.put("/l/games",
         "# games sites\n"
         "\n"
         "Example.COM\n"
         "*.wild.example\n"
         "http://example.net/play/\n"
         "https://example.org/\n"
         "192.0.2.1\n"
         "198.51.100.0/24\n"
         "2001:db8::/32\n"
         "tracker.example # known tracker\n");
  auto run = runImport(fs, plain("/l/games"));
  EXPECT_THAT(run.entries(),
              ElementsAre("domain Example.COM /l/games:3", "domain wild.example /l/games:4",
                          "url example.net/play/ /l/games:5", "domain example.org /l/games:6",
                          "cidr 192.0.2.1 /l/games:7", "cidr 198.51.100.0/24 /l/games:8",
                          "cidr 2001:db8::/32 /l/games:9", "domain tracker.example /l/games:10"));
  EXPECT_THAT(run.problems(), IsEmpty());
  EXPECT_EQ(run.sink.entries[0].category, "games");
  EXPECT_EQ(run.stats.files, 1u);
  EXPECT_EQ(run.stats.lines, 10u);
  EXPECT_EQ(run.stats.entries, 8u);
  EXPECT_EQ(run.stats.rejected, 0u);
}

TEST(importers_PlainDomains, CrlfAndBomAreInvisible) {
  MemoryFileSystem fs;
  fs.put("/l/a",
         "\xEF\xBB\xBF"
         "a.example\r\n# c\r\nb.example\r\n");
  auto run = runImport(fs, plain("/l/a"));
  EXPECT_THAT(run.entries(), ElementsAre("domain a.example /l/a:1", "domain b.example /l/a:3"));
  EXPECT_THAT(run.problems(), IsEmpty());
}

TEST(importers_PlainDomains, Latin1IsConvertedWithOneWarningAtTheFirstLine) {
  MemoryFileSystem fs;
  fs.put("/l/a", "a.example\ncaf\xE9.example\nna\xEFve.example\nb.example\n");
  auto run = runImport(fs, plain("/l/a"));
  EXPECT_THAT(run.entries(),
              ElementsAre("domain a.example /l/a:1", "domain caf\xC3\xA9.example /l/a:2",
                          "domain na\xC3\xAFve.example /l/a:3", "domain b.example /l/a:4"));
  EXPECT_THAT(run.problems(), ElementsAre("/l/a:2: warning"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("Latin-1"));
}

TEST(importers_PlainDomains, UtF8LinesBesideALatin1LineStayAsTheyAre) {
  MemoryFileSystem fs;
  fs.put("/l/a",
         "b\xC3\xBC"
         "cher.de\ncaf\xE9.example\n");
  auto run = runImport(fs, plain("/l/a"));
  EXPECT_THAT(run.entries(), ElementsAre("domain b\xC3\xBC"
                                         "cher.de /l/a:1",
                                         "domain caf\xC3\xA9.example /l/a:2"));
}

TEST(importers_PlainDomains, OverLongLineIsAnErrorAndTheRestIsRead) {
  MemoryFileSystem fs;
  fs.put("/l/a", "a.example\n" + std::string(kMaxListLineLength + 1, 'x') + "\nb.example\n" +
                     std::string(kMaxListLineLength, 'y') + "\n");
  auto run = runImport(fs, plain("/l/a"));
  ASSERT_EQ(run.entries().size(), 3u);  // a line of exactly the limit is read
  EXPECT_EQ(run.entries()[1], "domain b.example /l/a:3");
  EXPECT_THAT(run.problems(), ElementsAre("/l/a:2: error"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("longer than 4096"));
  EXPECT_EQ(run.stats.rejected, 1u);
}

TEST(importers_PlainDomains, BinaryJunkLineIsAnErrorAndTheRestIsRead) {
  MemoryFileSystem fs;
  fs.put("/l/a", "a.example\nbad\0line\x01.example\nb.example\n"s);
  auto run = runImport(fs, plain("/l/a"));
  EXPECT_THAT(run.entries(), ElementsAre("domain a.example /l/a:1", "domain b.example /l/a:3"));
  EXPECT_THAT(run.problems(), ElementsAre("/l/a:2: error"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("control bytes"));
}

TEST(importers_PlainDomains, MostlyBinaryFileIsOneErrorAndNothingIsRead) {
  MemoryFileSystem fs;
  std::string junk;
  for (int i = 0; i < 4000; ++i) junk += static_cast<char>((i * 7919) % 256);
  fs.put("/l/a", "a.example\n" + junk);
  auto run = runImport(fs, plain("/l/a"));
  EXPECT_THAT(run.entries(), IsEmpty());
  EXPECT_THAT(run.problems(), ElementsAre("/l/a:0: error"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("binary"));
}

TEST(importers_PlainDomains, GzipFileSaysToUnpackIt) {
  MemoryFileSystem fs;
  fs.put("/l/a.gz", "\x1F\x8B\x08\x00rest"s);
  auto run = runImport(fs, plain("/l/a.gz"));
  EXPECT_THAT(run.problems(), ElementsAre("/l/a.gz:0: error"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("unpack"));
}

TEST(importers_PlainDomains, Utf16FileSaysToSaveItAsUtf8) {
  MemoryFileSystem fs;
  fs.put("/l/a",
         "\xFF\xFE"
         "a\0.\0e\0x\0\n\0"s);
  auto run = runImport(fs, plain("/l/a"));
  EXPECT_THAT(run.entries(), IsEmpty());
  EXPECT_THAT(run.problems(), ElementsAre("/l/a:0: error"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("UTF-16"));
}

TEST(importers_PlainDomains, EmptyFileIsAWarningOnly) {
  MemoryFileSystem fs;
  fs.put("/l/empty", "");
  fs.put("/l/blank", "\r\n\n  \n");
  auto empty = runImport(fs, plain("/l/empty"));
  EXPECT_THAT(empty.problems(), ElementsAre("/l/empty:0: warning"));
  EXPECT_EQ(empty.problem_list.problems()[0].reason, "empty file");
  EXPECT_EQ(empty.problem_list.errors(), 0u);
  auto blank = runImport(fs, plain("/l/blank"));
  EXPECT_THAT(blank.problems(), ElementsAre("/l/blank:0: warning"));
}

TEST(importers_PlainDomains, BadEntriesAreErrorsAtTheirLines) {
  MemoryFileSystem fs;
  fs.put("/l/a",
         "two words.example\n"
         "ftp://files.example/\n"
         "*.\n"
         "/just/a/path\n"
         "ok.example\n");
  auto run = runImport(fs, plain("/l/a"));
  EXPECT_THAT(run.entries(), ElementsAre("domain ok.example /l/a:5"));
  EXPECT_THAT(run.problems(),
              ElementsAre("/l/a:1: error", "/l/a:2: error", "/l/a:3: error", "/l/a:4: error"));
  EXPECT_EQ(run.stats.rejected, 4u);
}

TEST(importers_PlainDomains, SinkRejectionIsReportedAtTheLineAndTheImportGoesOn) {
  MemoryFileSystem fs;
  fs.put("/l/a", "a.example\nbad.example\nb.example\n");
  auto run = runImport(fs, plain("/l/a"), "bad.example");
  EXPECT_THAT(run.entries(), ElementsAre("domain a.example /l/a:1", "domain b.example /l/a:3"));
  EXPECT_THAT(run.reasons(),
              ElementsAre("/l/a:2: error: label longer than 63 bytes (line: \"bad.example\")"));
  EXPECT_EQ(run.stats.entries, 2u);
  EXPECT_EQ(run.stats.rejected, 1u);
}

TEST(importers_PlainDomains, NoCategoryIsOneErrorForTheFile) {
  MemoryFileSystem fs;
  fs.put("/l/a", "a.example\n");
  auto run = runImport(fs, testing::request("/l/a", ListFormat::kPlainDomains));
  EXPECT_THAT(run.entries(), IsEmpty());
  EXPECT_THAT(run.problems(), ElementsAre("/l/a:0: error"));
  EXPECT_THAT(run.problem_list.problems()[0].reason, HasSubstr("--category"));
}

TEST(importers_PlainDomains, MissingFileIsAnError) {
  MemoryFileSystem fs;
  auto run = runImport(fs, plain("/l/none"));
  EXPECT_THAT(run.problems(), ElementsAre("/l/none:0: error"));
}

}  // namespace
}  // namespace esafety::classify
