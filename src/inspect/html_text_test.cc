#include "inspect/html_text.h"

#include <gtest/gtest.h>

#include <chrono>

namespace esafety::inspect {
namespace {

// The text of `html` fed `chunk` bytes at a time, without the leading and
// trailing word breaks.
std::string textOf(std::string_view html, size_t chunk = 0, Charset charset = Charset::kUtf8) {
  TextNormalizer text(charset);
  HtmlTextExtractor extractor(text);
  if (chunk == 0) chunk = html.size() + 1;
  for (size_t at = 0; at < html.size(); at += chunk) extractor.feed(html.substr(at, chunk));
  extractor.finish();
  text.flushPartial();
  std::string out(text.output());
  while (!out.empty() && out.front() == ' ') out.erase(0, 1);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Every way of cutting `html` into chunks of one size gives the same text.
void expectSameAtEveryChunkSize(std::string_view html, std::string_view expected) {
  EXPECT_EQ(textOf(html), expected);
  for (size_t chunk = 1; chunk < html.size(); ++chunk) {
    ASSERT_EQ(textOf(html, chunk), expected) << "chunk size " << chunk;
  }
}

TEST(HtmlText, StripsTagsAndKeepsText) {
  EXPECT_EQ(textOf("<html><body><h1>Hello</h1><p>World of <a href='x'>cats</a>.</p></body>"),
            "hello world of cats");
}

TEST(HtmlText, BlockTagsBreakWordsInlineTagsDoNot) {
  EXPECT_EQ(textOf("<p>sex</p><p>shop</p>"), "sex shop");
  EXPECT_EQ(textOf("s<b>e</b>x<span>y</span> p<!-- -->orn"), "sexy porn");
  EXPECT_EQ(textOf("one<br>two<br/>three<td>four"), "one two three four");
}

TEST(HtmlText, ScriptAndStyleContentIsDropped) {
  expectSameAtEveryChunkSize(
      "a<script type=\"text/javascript\">var s = '<b>porn</b>'; if (a</b) x();</script>b"
      "<STYLE>.porn { color: red }</Style >c<script>x</scripty></script>d",
      "a b c d");
}

TEST(HtmlText, CommentsAndDeclarationsAreDropped) {
  expectSameAtEveryChunkSize(
      "<!DOCTYPE html><?xml version='1.0'?>a<!-- hidden porn -- still > hidden -->b"
      "<!---->c<!-->d<!--->e<![CDATA[x]]>f</ 3>g",
      "abcdefg");  // a comment is not a word break: "p<!-- -->orn" shows "porn"
}

TEST(HtmlText, QuotedAttributesMayHoldAngleBrackets) {
  expectSameAtEveryChunkSize("<a title=\"a > b\" data-x='<p>'>link</a> <img alt=\">\">text",
                             "link text");
  // An apostrophe that does not start a value is not a quote.
  EXPECT_EQ(textOf("<p class=x don't>word</p>"), "word");
}

TEST(HtmlText, EntitiesAreDecoded) {
  expectSameAtEveryChunkSize("s&#101;x &#X50;orn caf&eacute; &amp; &lt;tag&gt; 5&nbsp;&euro;",
                             "sex porn café tag 5 €");
  EXPECT_EQ(textOf("Caf&Eacute;&rsquo;s"), "café s");
  EXPECT_EQ(textOf("AT&amp;T &copy 2024"), "at t 2024");          // legacy, no ';'
  EXPECT_EQ(textOf("&unknown; &#; &#x; &"), "unknown x");          // kept as written
  EXPECT_EQ(textOf("&#0;a&#xD800;b&#1114112;c&#150;d"), "a b c d");  // invalid -> separators
  EXPECT_EQ(textOf("x&#233"), "xé");                                // ends the page
  EXPECT_EQ(textOf("p&shy;orn p&#8203;orn"), "porn porn");         // invisible
}

TEST(HtmlText, ALoneLessThanIsText) {
  EXPECT_EQ(textOf("1 < 2 and 3<4"), "1 2 and 3 4");
  EXPECT_EQ(textOf("end <"), "end");
}

TEST(HtmlText, MetaTagAttributesAreText) {
  EXPECT_EQ(textOf("<head><meta name=\"Rating\" content=\"Mature\"></head><p>hi"),
            "meta name rating content mature hi");
  EXPECT_EQ(textOf("<META NAME='rating' CONTENT='RTA-5042-1996-1400-1577-RTA' />x"),
            "meta name rating content rta 5042 1996 1400 1577 rta x");
}

TEST(HtmlText, Latin1AndInvalidUtf8NeverBreakIt) {
  EXPECT_EQ(textOf("<p>caf\xE9</p>", 0, Charset::kLatin1), "café");
  EXPECT_EQ(textOf("<p>caf\xE9 \xFF\xFE\x80</p>"), "café ÿþ€");
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919) & 0xFF);
  for (size_t chunk : {1, 3, 64, 4096}) {
    std::string text = textOf(junk, chunk);
    EXPECT_EQ(text, textOf(junk));
  }
}

TEST(HtmlText, TenMegabytesOnOneLineWithBoundedMemory) {
  // 10 MB without a line break, fed as a proxy would, the output drained
  // after each chunk: the extractor holds no copy of the page.
  std::string unit = "<div class=\"c\"><span>word</span> text &amp; more</div>";
  std::string page;
  while (page.size() < 10'000'000) page += unit;
  page += "<p>the last phrase</p>";
  TextNormalizer text;
  HtmlTextExtractor extractor(text);
  size_t largest = 0;
  std::string tail;
  auto start = std::chrono::steady_clock::now();
  for (size_t at = 0; at < page.size(); at += 65536) {
    extractor.feed(std::string_view(page).substr(at, 65536));
    largest = std::max(largest, text.outputSize());
    tail = std::string(text.output());
    text.clearOutput();
  }
  extractor.finish();
  text.finish();
  tail += text.output();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LE(largest, 65536u);
  EXPECT_NE(tail.find("the last phrase"), std::string::npos);
  EXPECT_LT(seconds, 2.0);
}

}  // namespace
}  // namespace esafety::inspect
