#include "pages/html_escape.h"

#include <gtest/gtest.h>

#include "core/text.h"

namespace esafety::pages {
namespace {

TEST(HtmlEscape, LeavesPlainTextAlone) {
  EXPECT_EQ(htmlEscape("www.bbc.co.uk/bitesize"), "www.bbc.co.uk/bitesize");
  EXPECT_EQ(htmlEscape(""), "");
  EXPECT_EQ(htmlEscape("caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\xA6\x89"),
            "caf\xC3\xA9 \xE2\x9C\x93 \xF0\x9F\xA6\x89");
  EXPECT_EQ(htmlEscape("line one\nline two\ttab"), "line one\nline two\ttab");
}

TEST(HtmlEscape, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(htmlEscape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  EXPECT_EQ(htmlEscape("&amp;"), "&amp;amp;");  // no double-decoding tricks
}

TEST(HtmlEscape, AUrlCannotLeaveAnAttributeOrStartAnElement) {
  std::string out = htmlEscape("http://x.example/\"><script>alert(1)</script>");
  EXPECT_EQ(out, "http://x.example/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(out.find('<'), std::string::npos);
  EXPECT_EQ(out.find('>'), std::string::npos);
  EXPECT_EQ(out.find('"'), std::string::npos);
}

TEST(HtmlEscape, SingleQuotedAttributeBreakoutIsEscaped) {
  std::string out = htmlEscape("x' onmouseover='alert(1)");
  EXPECT_EQ(out.find('\''), std::string::npos);
}

TEST(HtmlEscape, OtherInjectionAttempts) {
  for (const char* attack :
       {"<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>", "</title><script>x</script>",
        "<!--", "]]><x>", "</style><b>", "<ScRiPt>alert(1)</sCrIpT>"}) {
    std::string out = htmlEscape(attack);
    EXPECT_EQ(out.find('<'), std::string::npos) << attack;
    EXPECT_EQ(out.find('>'), std::string::npos) << attack;
  }
}

TEST(HtmlEscape, InvalidUtf8BecomesReplacementCharacters) {
  const std::string kFffd = "\xEF\xBF\xBD";
  EXPECT_EQ(htmlEscape("a\xFF"
                       "b"),
            "a" + kFffd + "b");
  EXPECT_EQ(htmlEscape("\xC0\xBC"), kFffd + kFffd);  // overlong '<' is not '<' and not kept
  EXPECT_EQ(htmlEscape("\xE2\x82"), kFffd + kFffd);  // truncated sequence
  EXPECT_EQ(htmlEscape("\xED\xA0\x80"), kFffd + kFffd + kFffd);  // surrogate
  EXPECT_TRUE(isValidUtf8(htmlEscape("\x80\x81\xFE\xF5\x80\x80\x80")));
}

TEST(HtmlEscape, ControlsNoncharactersAndBidiOverridesAreReplaced) {
  const std::string kFffd = "\xEF\xBF\xBD";
  EXPECT_EQ(htmlEscape(std::string("a\0b", 3)), "a" + kFffd + "b");
  EXPECT_EQ(htmlEscape("\x1B[31m"), kFffd + "[31m");
  EXPECT_EQ(htmlEscape("\x7F"), kFffd);
  EXPECT_EQ(htmlEscape("\xC2\x85"), kFffd);                               // C1 NEL
  EXPECT_EQ(htmlEscape("\xEF\xB7\x90"), kFffd);                           // U+FDD0
  EXPECT_EQ(htmlEscape("\xEF\xBF\xBF"), kFffd);                           // U+FFFF
  EXPECT_EQ(htmlEscape("\xE2\x80\xAEmoc.elgoog"), kFffd + "moc.elgoog");  // U+202E
  EXPECT_EQ(htmlEscape("\xE2\x81\xA6x"), kFffd + "x");                    // U+2066
  EXPECT_EQ(htmlEscape("\xE2\x80\x94"), "\xE2\x80\x94");                  // an em dash is fine
}

}  // namespace
}  // namespace esafety::pages
