#include "classify/importers/format_detect.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "classify/importers/test_support.h"

namespace esafety::classify {
namespace {

using importers::detectListFormat;
using testing::runImport;

TEST(importers_FormatDetect, EachFormatFromItsFirstLines) {
  EXPECT_EQ(detectListFormat("[Adblock Plus 2.0]\n! x\nexample.com\n"), ListFormat::kAdblock);
  EXPECT_EQ(detectListFormat("! Title\n||ads.example^\n"), ListFormat::kAdblock);
  EXPECT_EQ(detectListFormat("@@||ok.example^\n"), ListFormat::kAdblock);
  EXPECT_EQ(detectListFormat("# hosts\n\n127.0.0.1 localhost\n"), ListFormat::kHosts);
  EXPECT_EQ(detectListFormat("\xEF\xBB\xBF::1 ip6-localhost\r\n"), ListFormat::kHosts);
  EXPECT_EQ(detectListFormat("#domains\n#listcategory: \"Banned\"\n"), ListFormat::kE2Guardian);
  EXPECT_EQ(detectListFormat("a.example\n.Include</etc/x>\n"), ListFormat::kE2Guardian);
  EXPECT_EQ(detectListFormat("example.com\n192.0.2.1\n"), ListFormat::kPlainDomains);
  EXPECT_EQ(detectListFormat(""), ListFormat::kPlainDomains);
  // A bare address is an entry, not a hosts line.
  EXPECT_EQ(detectListFormat("192.0.2.1\n"), ListFormat::kPlainDomains);
  // Only the first entry decides Adblock and hosts.
  EXPECT_EQ(detectListFormat("example.com\n||ads.example^\n"), ListFormat::kPlainDomains);
}

TEST(importers_FormatDetect, E2GuardianMarkersOnlyInTheFirst50Lines) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "x" + std::to_string(i) + ".example\n";
  EXPECT_EQ(detectListFormat(text + "#listcategory: \"x\"\n"), ListFormat::kPlainDomains);
  EXPECT_EQ(detectListFormat("#listcategory: \"x\"\n" + text), ListFormat::kE2Guardian);
}

TEST(importers_FormatDetect, AutoImportUsesTheDetectedParser) {
  MemoryFileSystem fs;
  fs.put("/l/hosts", "0.0.0.0 ads.example\n");
  fs.put("/l/easylist.txt", "[Adblock Plus 2.0]\n@@||ok.example^\n");
  fs.put("/l/e2", "#listcategory: \"Gambling\"\nbet.example\n");
  auto hosts = runImport(fs, testing::request("/l/hosts", ListFormat::kAuto, "advertising"));
  EXPECT_THAT(hosts.entries(), ::testing::ElementsAre("domain ads.example /l/hosts:1"));
  auto adblock =
      runImport(fs, testing::request("/l/easylist.txt", ListFormat::kAuto, "advertising"));
  EXPECT_THAT(adblock.entries(),
              ::testing::ElementsAre("exception domain ok.example /l/easylist.txt:2"));
  auto e2 = runImport(fs, testing::request("/l/e2"));
  EXPECT_THAT(e2.entries(), ::testing::ElementsAre("domain bet.example /l/e2:2"));
  EXPECT_THAT(e2.categories(), ::testing::ElementsAre("gambling"));
}

}  // namespace
}  // namespace esafety::classify
