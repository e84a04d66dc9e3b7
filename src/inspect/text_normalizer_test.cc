#include "inspect/text_normalizer.h"

#include <gtest/gtest.h>

namespace esafety::inspect {
namespace {

std::string normalizeInChunks(std::string_view text, Charset charset, size_t chunk) {
  TextNormalizer n(charset);
  for (size_t at = 0; at < text.size(); at += chunk) n.appendText(text.substr(at, chunk));
  n.flushPartial();
  return std::string(n.output());
}

TEST(TextNormalizer, FoldsCaseAndCollapsesSeparators) {
  EXPECT_EQ(normalizeText("Hot  -- XXX!! Girls", Charset::kUtf8), "hot xxx girls");
  EXPECT_EQ(normalizeText(" sex ", Charset::kUtf8), " sex ");
  EXPECT_EQ(normalizeText("don't\tstop\r\nnow.", Charset::kUtf8), "don t stop now ");
  EXPECT_EQ(normalizeText("x-rated=no", Charset::kUtf8), "x rated no");
}

TEST(TextNormalizer, BeginAndFinishMakeWordBoundariesAtTheEnds) {
  TextNormalizer n;
  n.begin();
  n.appendText("Sex");
  n.finish();
  EXPECT_EQ(n.output(), " sex ");
}

TEST(TextNormalizer, FoldsNonAsciiLetters) {
  EXPECT_EQ(normalizeText("CAFÉ ÀÖ Ÿ", Charset::kUtf8), "café àö ÿ");
  EXPECT_EQ(normalizeText("ŁÓDŹ", Charset::kUtf8), "łódź");
  EXPECT_EQ(normalizeText("ПОРНО Ёж", Charset::kUtf8), "порно ёж");
  EXPECT_EQ(normalizeText("ΣΕΞ", Charset::kUtf8), "σεξ");
}

TEST(TextNormalizer, UnicodeSpacesAndPunctuationSeparateAndZeroWidthIsDropped) {
  EXPECT_EQ(normalizeText("a\u00A0b\u2014c\u201Cd\u3000e", Charset::kUtf8), "a b c d e");
  EXPECT_EQ(normalizeText("p\u200Bo\u00ADr\u200Dn\uFEFF", Charset::kUtf8), "porn");
}

TEST(TextNormalizer, Latin1PagesAreDecoded) {
  EXPECT_EQ(normalizeText("CAF\xC9 \x93quoted\x94", Charset::kLatin1), "café quoted ");
}

TEST(TextNormalizer, InvalidUtf8BytesAreReadAsWindows1252) {
  // A Latin-1 page that never said so, stray continuation bytes, overlongs,
  // surrogates and bytes that never appear in UTF-8.
  EXPECT_EQ(normalizeText("caf\xE9 porn\xF4", Charset::kUtf8), "café pornô");
  EXPECT_EQ(normalizeText("a\x80z", Charset::kUtf8), "a€z");
  EXPECT_EQ(normalizeText("\xC0\xAF", Charset::kUtf8), "à ");         // overlong '/'
  EXPECT_EQ(normalizeText("\xED\xA0\x80", Charset::kUtf8), "í €");    // a surrogate
  EXPECT_EQ(normalizeText("\xFF\xFE", Charset::kUtf8), "ÿþ");
  EXPECT_EQ(normalizeText("ok\xE2\x82", Charset::kUtf8), "okâ ");      // cut at the end
}

TEST(TextNormalizer, AUtf8SequenceSplitAtAnyPointGivesTheSameText) {
  std::string text = "Zürich \xF0\x9F\x98\x80 ПОРНО caf\xE9 \xE2\x82\xAC" "5 \xE2\x82x end\xC3";
  std::string whole = normalizeText(text, Charset::kUtf8);
  for (size_t chunk = 1; chunk <= text.size(); ++chunk) {
    EXPECT_EQ(normalizeInChunks(text, Charset::kUtf8, chunk), whole) << "chunk " << chunk;
  }
}

TEST(TextNormalizer, PassthroughKeepsHighBytes) {
  EXPECT_EQ(normalizeText("\xCF\xCE\xD0\xCD\xCE Hi", Charset::kPassthrough),
            "\xCF\xCE\xD0\xCD\xCE hi");
}

TEST(TextNormalizer, CodePointsFromEntitiesAreFolded) {
  TextNormalizer n;
  n.appendCodePoint(0xC9);
  n.appendCodePoint('X');
  n.appendCodePoint(0x2019);
  n.appendCodePoint(0x200B);
  n.appendCodePoint('s');
  EXPECT_EQ(n.output(), "éx s");
}

TEST(TextNormalizer, CharsetNames) {
  EXPECT_EQ(charsetFromName("UTF-8"), Charset::kUtf8);
  EXPECT_EQ(charsetFromName(""), Charset::kUtf8);
  EXPECT_EQ(charsetFromName("\"utf8\""), Charset::kUtf8);
  EXPECT_EQ(charsetFromName("ISO-8859-1"), Charset::kLatin1);
  EXPECT_EQ(charsetFromName("windows-1252"), Charset::kLatin1);
  EXPECT_EQ(charsetFromName("koi8-r"), Charset::kPassthrough);
  EXPECT_EQ(charsetFromName("Shift_JIS"), Charset::kPassthrough);
}

TEST(TextNormalizer, LongInputGrowsTheBuffer) {
  std::string big(1 << 20, 'A');
  TextNormalizer n;
  n.appendText(big);
  EXPECT_EQ(n.outputSize(), big.size());
  EXPECT_EQ(n.output().back(), 'a');
}

}  // namespace
}  // namespace esafety::inspect
