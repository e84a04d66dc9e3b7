// Loads the phrase lists Debian's e2guardian package ships (scripts/bootstrap.sh
// unpacks the package into .cache/e2guardian), through their own absolute
// .Include paths, compiles them and scans pages with them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "inspect/page_inspector.h"
#include "inspect/phrase_database.h"
#include "inspect/phrase_lists.h"

namespace esafety::inspect {
namespace {

PageInspectorOptions opts(std::string_view content_type, std::string_view content_encoding = "",
                          uint64_t max_scanned_bytes = kDefaultMaxScannedBytes) {
  PageInspectorOptions options;
  options.content_type = content_type;
  options.content_encoding = content_encoding;
  options.max_scanned_bytes = max_scanned_bytes;
  return options;
}

const std::string kCache = std::string(ESAFETY_SOURCE_DIR) + "/.cache/e2guardian";
const std::string kLists = "/etc/e2guardian/lists";

// Reads /etc/e2guardian/... from the unpacked package.
class PackageFiles final : public FileSystem {
 public:
  Result<std::string> readFile(const std::string& path) const override {
    return real_.readFile(map(path));
  }
  bool isDirectory(const std::string& path) const override { return real_.isDirectory(map(path)); }
  bool exists(const std::string& path) const override { return real_.exists(map(path)); }
  Result<std::vector<std::string>> listDirectory(const std::string& path) const override {
    return real_.listDirectory(map(path));
  }
  Result<uint64_t> fileSize(const std::string& path) const override {
    return real_.fileSize(map(path));
  }

 private:
  static std::string map(const std::string& path) {
    return path.starts_with("/etc/e2guardian/") ? kCache + path : path;
  }
  RealFileSystem real_;
};

void requireCache() {
  ASSERT_TRUE(RealFileSystem().isDirectory(kCache + kLists + "/phraselists"))
      << kCache << " is missing: run scripts/bootstrap.sh";
}

struct Loaded {
  PhraseLists lists;
  classify::ProblemList problems;
  PhraseLoadStats stats;
};

Loaded loadRoots() {
  Loaded out;
  out.stats = loadPhraseLists(PackageFiles(), e2guardianPhraseRoots(kLists), out.lists, out.problems);
  return out;
}

// The lines of the shipped lists that are really broken, each reported at
// its file:line; everything else loads.
TEST(ShippedPhraseLists, RootListsLoadWithOnlyTheKnownBadLines) {
  requireCache();
  Loaded r = loadRoots();
  std::vector<std::string> errors;
  for (const auto& p : r.problems.problems()) {
    if (p.severity == classify::Severity::kError) {
      errors.push_back(p.where.file.substr(p.where.file.find("phraselists/")) + ":" +
                       std::to_string(p.where.line));
    }
  }
  std::vector<std::string> expected = {
      "phraselists/pornography/weighted:1935",         // <incest rape<50>
      "phraselists/pornography/weighted:2082",         // <lesbian ezine<20>
      "phraselists/pornography/weighted_polish:32",    // <dojrzałe kobiety><porno><70>
      "phraselists/pornography/weighted_polish:54"};   // <ga
  for (int line = 237; line <= 248; ++line) {          // < animais,< foda >,< burro><50>
    expected.push_back("phraselists/pornography/weighted_portuguese:" + std::to_string(line));
  }
  EXPECT_EQ(errors, expected);
  EXPECT_EQ(r.stats.rejected, expected.size());
  EXPECT_EQ(r.problems.problems()[0].toString(),
            "/etc/e2guardian/lists/phraselists/pornography/weighted:1935: error: '<' inside the "
            "phrase <incest rape<50>: is a '>' missing?");
  EXPECT_GT(r.stats.files, 30u);
  std::map<PhraseKind, int> kinds;
  for (const auto& e : r.lists.entries) ++kinds[e.kind];
  EXPECT_GT(kinds[PhraseKind::kWeighted], 6000);
  EXPECT_GT(kinds[PhraseKind::kBanned], 5);
  EXPECT_GT(kinds[PhraseKind::kException], 2);
}

TEST(ShippedPhraseLists, ScoresRealPages) {
  requireCache();
  Loaded r = loadRoots();
  auto db = PhraseDatabase::compile(std::move(r.lists));
  ASSERT_TRUE(db) << db.status().message();
  auto score = [&](std::string_view html) {
    PageInspector page(*db, opts("text/html"));
    page.feed(html);
    page.finish();
    std::string found;
    for (const auto& p : page.score().topPhrases(20, 50)) {
      found += p.entry->text + " (" + std::string(p.category) + ") ";
    }
    return std::pair{page.verdict(50), found};
  };
  auto homework = score("<h1>Year 4 homework</h1><p>Read chapter two of the story about the fox "
                        "and the crow, then answer the questions.</p>");
  EXPECT_EQ(homework.first, PageVerdict::kPass) << homework.second;
  auto porn = score("<h1>Hot XXX porn</h1><p>Free hardcore porn videos of horny sluts. Watch "
                    "hot sex, anal and blowjob clips.</p>");
  EXPECT_EQ(porn.first, PageVerdict::kOverLimit) << porn.second;
  // safelabel/banned, which bannedphraselist includes, names a <meta> label.
  auto label = score("<head><META NAME='rating' CONTENT='mature'></head><p>hello</p>");
  EXPECT_EQ(label.first, PageVerdict::kBanned) << label.second;
}

TEST(ShippedPhraseLists, EveryListInEveryLanguageCompiles) {
  requireCache();
  PackageFiles fs;
  auto files = phraseListsUnder(fs, kLists + "/phraselists");
  ASSERT_GT(files.size(), 120u);
  PhraseLists lists;
  classify::ProblemList problems;
  PhraseLoadStats stats = loadPhraseLists(fs, files, lists, problems);
  EXPECT_EQ(stats.files, files.size());
  EXPECT_GT(stats.entries, 11000u);
  auto db = PhraseDatabase::compile(std::move(lists));
  ASSERT_TRUE(db) << db.status().message();
  EXPECT_GT((*db)->stats().patterns, 10000u);
}

}  // namespace
}  // namespace esafety::inspect
