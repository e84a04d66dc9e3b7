#include "proxy/content_lists.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "inspect/phrase_database.h"
#include "inspect/search/term_matcher.h"

namespace esafety::proxy {
namespace {

TEST(ContentLists, OnlyHtmlXhtmlAndPlainTextAreScanned) {
  EXPECT_TRUE(isScannedContentType("text/html"));
  EXPECT_TRUE(isScannedContentType("Text/HTML; charset=ISO-8859-1"));
  EXPECT_TRUE(isScannedContentType("application/xhtml+xml"));
  EXPECT_TRUE(isScannedContentType("text/plain;charset=utf-8"));
  EXPECT_FALSE(isScannedContentType("application/json"));
  EXPECT_FALSE(isScannedContentType("text/css"));
  EXPECT_FALSE(isScannedContentType("image/png"));
  EXPECT_FALSE(isScannedContentType(""));
}

class PhraseFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("esafety-phrases-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(PhraseFolder, ReadsEveryListInAFolderAndSkipsBadLines) {
  write("pornography", "#listcategory: \"Pornography\"\n< badphrase ><60>\n<broken\n");
  write("bannedphraselist", "<forbiddenphrase>\n");
  ServeConfig::Inspect config;
  config.phrase_lists = dir_.string();
  auto db = loadPhraseDatabase(config);
  ASSERT_TRUE(db) << db.status().message();
  ASSERT_NE(*db, nullptr);
  EXPECT_EQ((*db)->lists().entries.size(), 2u);
}

TEST_F(PhraseFolder, AMissingFolderOrNoneTurnsScanningOff) {
  ServeConfig::Inspect config;
  config.phrase_lists = (dir_ / "nowhere").string();
  auto missing = loadPhraseDatabase(config);
  ASSERT_TRUE(missing);
  EXPECT_EQ(*missing, nullptr);
  config.phrase_lists = "";
  auto off = loadPhraseDatabase(config);
  ASSERT_TRUE(off);
  EXPECT_EQ(*off, nullptr);
}

TEST(ContentLists, TheMonitoringListsBuild) {
  auto matcher = loadMonitoringMatcher();
  ASSERT_TRUE(matcher) << matcher.status().message();
  EXPECT_FALSE((*matcher)->match("how to kill myself").empty());
  EXPECT_TRUE((*matcher)->match("volcano diagrams").empty());
}

}  // namespace
}  // namespace esafety::proxy
