#include "inspect/search/match_text.h"

#include <gtest/gtest.h>

namespace esafety::search {
namespace {

TEST(MatchText, LowerCasesAndFoldsPunctuationToSingleSpaces) {
  EXPECT_EQ(normalizeForMatching("  How  to   DRAW a Horse?! "), "how to draw a horse");
  EXPECT_EQ(normalizeForMatching("self-harm"), "self harm");
  EXPECT_EQ(normalizeForMatching("don't tell"), "dont tell");
  EXPECT_EQ(normalizeForMatching("don\xE2\x80\x99t tell"), "dont tell");
  EXPECT_EQ(normalizeForMatching(""), "");
  EXPECT_EQ(normalizeForMatching("?!..."), "");
}

TEST(MatchText, MapsLookAlikesOnlyInsideWords) {
  EXPECT_EQ(normalizeForMatching("K1LL my$elf"), "kill myself");
  EXPECT_EQ(normalizeForMatching("h3r0in"), "heroin");
  EXPECT_EQ(normalizeForMatching("p0rn"), "porn");
  EXPECT_EQ(normalizeForMatching("@nal"), "anal");
  // Numbers on their own stay numbers.
  EXPECT_EQ(normalizeForMatching("year 5 maths 2024"), "year 5 maths 2024");
  // Digits with no look-alike stay.
  EXPECT_EQ(normalizeForMatching("9mm"), "9mm");
}

TEST(MatchText, SqueezesStretchedLettersButKeepsDoubles) {
  EXPECT_EQ(normalizeForMatching("killlllll myselfffff"), "kill myselff");
  EXPECT_EQ(normalizeForMatching("essex skills"), "essex skills");
  EXPECT_EQ(normalizeForMatching("soooo"), "soo");
}

TEST(MatchText, KeepsOtherScriptsAndReadsLatin1) {
  EXPECT_EQ(normalizeForMatching("Caf\xC3\xA9 \xE6\x9D\xB1\xE4\xBA\xAC"),
            "caf\xC3\xA9 \xE6\x9D\xB1\xE4\xBA\xAC");
  EXPECT_EQ(normalizeForMatching("caf\xE9"), "caf\xC3\xA9");
}

}  // namespace
}  // namespace esafety::search
