#include "inspect/phrase_scan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "inspect/test_phrases.h"
#include "inspect/text_normalizer.h"

namespace esafety::inspect {
namespace {

using ::testing::ElementsAre;
using testing::compilePhrases;

// Scans `text` (plain text, normalised here) in chunks of `chunk` bytes.
struct Scanned {
  std::unique_ptr<PhraseScan> scan;
  const PageScore& score() const { return scan->score(); }
};

Scanned scanText(std::shared_ptr<const PhraseDatabase> db, std::string_view text,
                 size_t chunk = 0) {
  Scanned out{std::make_unique<PhraseScan>(db)};
  TextNormalizer normal;
  normal.begin();
  if (chunk == 0) chunk = text.size() + 1;
  for (size_t at = 0; at < text.size(); at += chunk) {
    normal.appendText(text.substr(at, chunk));
    EXPECT_TRUE(out.scan->scan(normal.output()).isOk());
    normal.clearOutput();
  }
  normal.finish();
  EXPECT_TRUE(out.scan->scan(normal.output()).isOk());
  EXPECT_TRUE(out.scan->finish().isOk());
  return out;
}

std::vector<std::string> categoryScores(const PageScore& score, int32_t limit = 100) {
  std::vector<std::string> out;
  for (const auto& c : score.categories(limit)) {
    out.push_back(std::string(c.name) + "=" + std::to_string(c.score));
  }
  return out;
}

const char* kLists =
    "#listcategory: \"Pornography\"\n"
    "<sex><10>\n"
    "< anal ><20>\n"
    "< porn><30>\n"
    "<xxx ><40>\n"
    "<hot sex><50>\n"
    "#listcategory: \"GoodPhrases\"\n"
    "<breast>,<cancer><-30>\n"
    "<education><-5>\n";

TEST(PhraseScan, SubstringsMatchInsideWords) {
  auto db = compilePhrases(kLists);
  EXPECT_EQ(scanText(db, "Sussex SEXY").score().total(100), 10);
  EXPECT_EQ(scanText(db, "nothing here").score().total(100), 0);
}

TEST(PhraseScan, WholeWordsNeedWordBoundaries) {
  auto db = compilePhrases(kLists);
  EXPECT_EQ(scanText(db, "anal").score().total(100), 20);           // the whole text
  EXPECT_EQ(scanText(db, "an ANAL, question").score().total(100), 20);
  EXPECT_EQ(scanText(db, "analysis canal").score().total(100), 0);
  EXPECT_EQ(scanText(db, "(anal)").score().total(100), 20);
  EXPECT_EQ(scanText(db, "pornography").score().total(100), 30);    // "< porn>": word start
  EXPECT_EQ(scanText(db, "teleporn").score().total(100), 0);
  EXPECT_EQ(scanText(db, "abcxxx.").score().total(100), 40);        // "<xxx >": word end
  EXPECT_EQ(scanText(db, "xxxl").score().total(100), 0);
}

TEST(PhraseScan, PhrasesAcrossLineBreaksAndPunctuation) {
  auto db = compilePhrases(kLists);
  EXPECT_EQ(scanText(db, "HOT\r\n  -- sex").score().total(100), 50 + 10);
}

TEST(PhraseScan, WordBoundariesHoldAtEveryChunkBoundary) {
  auto db = compilePhrases(kLists);
  std::string text = "An anal hot sex pornstar xxx. Analysis and teleporn xxxl.";
  int64_t whole = scanText(db, text).score().total(100);
  EXPECT_EQ(whole, 20 + 50 + 10 + 30 + 40);
  for (size_t chunk = 1; chunk < text.size(); ++chunk) {
    ASSERT_EQ(scanText(db, text, chunk).score().total(100), whole) << "chunk " << chunk;
  }
}

TEST(PhraseScan, EachEntryCountsOncePerPage) {
  auto db = compilePhrases(kLists);
  EXPECT_EQ(scanText(db, "sex sex sex sex").score().total(100), 10);
}

TEST(PhraseScan, CombinationsCountWhenEveryPartIsThere) {
  auto db = compilePhrases(kLists);
  EXPECT_THAT(categoryScores(scanText(db, "breast").score()), ElementsAre());
  EXPECT_THAT(categoryScores(scanText(db, "Breast cancer screening").score()),
              ElementsAre("good-phrases=-30"));
  EXPECT_THAT(categoryScores(scanText(db, "cancer ... much later: breast, and sex").score()),
              ElementsAre("pornography=10", "good-phrases=-30"));
  EXPECT_EQ(scanText(db, "cancer breast sex").score().total(100), -20);
}

TEST(PhraseScan, NegativeWeightsOffsetTheTotal) {
  auto db = compilePhrases(kLists);
  const auto s = scanText(db, "sex education");
  EXPECT_EQ(s.score().total(100), 5);
  EXPECT_THAT(categoryScores(s.score()), ElementsAre("pornography=10", "good-phrases=-5"));
}

TEST(PhraseScan, PercentWeightsScaleWithTheLimit) {
  auto db = compilePhrases("<slut><10%>\n<x><1>\n");
  auto s = scanText(db, "slut x");
  EXPECT_EQ(s.score().total(50), 5 + 1);
  EXPECT_EQ(s.score().total(200), 20 + 1);
}

TEST(PhraseScan, BannedPhrasesBlockWhateverTheScore) {
  auto db = compilePhrases(kLists, "<sex>,<fetish>\n< rape >\n");
  auto s = scanText(db, "education about sex");
  EXPECT_EQ(judgePage(s.score(), 100), PageVerdict::kPass);
  s = scanText(db, "Fetish. Sex.");
  EXPECT_TRUE(s.score().banned());
  EXPECT_EQ(judgePage(s.score(), 100000), PageVerdict::kBanned);
  EXPECT_EQ(judgePage(scanText(db, "grape rapeseed").score(), 100), PageVerdict::kPass);
  EXPECT_EQ(judgePage(scanText(db, "a rape case").score(), 100), PageVerdict::kBanned);
}

TEST(PhraseScan, AnExceptionPhraseMakesThePagePass) {
  auto db = compilePhrases(kLists, "< rape >\n", "<virgin rain forest>\n");
  auto s = scanText(db, "rape of the virgin   rain-forest; hot sex xxx anal");
  EXPECT_TRUE(s.score().exception());
  EXPECT_TRUE(s.score().banned());
  EXPECT_EQ(judgePage(s.score(), 10), PageVerdict::kException);
}

TEST(PhraseScan, LimitIsComparedWithTheTotal) {
  auto db = compilePhrases(kLists);
  auto s = scanText(db, "hot sex");  // 50 + 10
  EXPECT_EQ(judgePage(s.score(), 60), PageVerdict::kPass);
  EXPECT_EQ(judgePage(s.score(), 59), PageVerdict::kOverLimit);
}

TEST(PhraseScan, TopPhrasesExplainTheScore) {
  auto db = compilePhrases(kLists, "< rape >\n");
  auto s = scanText(db, "a rape; hot sex and sex education");
  auto top = s.score().topPhrases(3, 100);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].entry->text, "< rape >");
  EXPECT_EQ(top[0].entry->kind, PhraseKind::kBanned);
  EXPECT_EQ(top[1].entry->text, "<hot sex><50>");
  EXPECT_EQ(top[1].points, 50);
  EXPECT_EQ(top[1].category, "pornography");
  EXPECT_EQ(top[1].entry->where.line, 6u);
  EXPECT_EQ(top[2].entry->text, "<sex><10>");
  EXPECT_EQ(s.score().entriesFound().size(), 4u);
}

TEST(PhraseScan, NonAsciiPhrasesMatchFoldedText) {
  auto db = compilePhrases("<порно><50>\n< café ><5>\n<ra\xe7""a branca><7>\n");
  EXPECT_EQ(scanText(db, "ПОРНО").score().total(100), 50);
  EXPECT_EQ(scanText(db, "CAFÉ!").score().total(100), 5);
  EXPECT_EQ(scanText(db, "cafés").score().total(100), 0);
  EXPECT_EQ(scanText(db, "RAÇA BRANCA").score().total(100), 7);
}

TEST(PhraseScan, EmptyListsScanNothing) {
  auto db = compilePhrases("");
  auto s = scanText(db, "anything at all");
  EXPECT_EQ(s.score().total(100), 0);
  EXPECT_EQ(db->stats().patterns, 0u);
}

TEST(PhraseScan, DatabaseStats) {
  auto db = compilePhrases(kLists);
  EXPECT_EQ(db->stats().entries, 7u);
  EXPECT_EQ(db->stats().terms, 8u);
  EXPECT_GT(db->stats().database_bytes, 0u);
  EXPECT_GT(db->stats().stream_bytes, 0u);
}

}  // namespace
}  // namespace esafety::inspect
