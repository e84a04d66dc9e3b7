#include "pages/display_text.h"

#include <gtest/gtest.h>

#include "core/text.h"

namespace esafety::pages {
namespace {

TEST(ShortenForDisplay, ShortTextIsUnchanged) {
  EXPECT_EQ(shortenForDisplay("bbc.co.uk", 100), "bbc.co.uk");
  EXPECT_EQ(shortenForDisplay("  spaced \r\n", 100), "spaced");
  EXPECT_EQ(shortenForDisplay("", 5), "");
  EXPECT_EQ(shortenForDisplay("abcde", 5), "abcde");
}

TEST(ShortenForDisplay, LongTextEndsInAnEllipsisAtTheLimit) {
  EXPECT_EQ(shortenForDisplay("abcdef", 5), "abcd\xE2\x80\xA6");
  EXPECT_EQ(shortenForDisplay("abcdef", 1), "\xE2\x80\xA6");
  std::string url = "https://example.com/" + std::string(10000, 'x');
  EXPECT_EQ(shortenForDisplay(url, 100).size(), 99u + 3u);
}

TEST(ShortenForDisplay, NeverSplitsAUtf8Sequence) {
  std::string owls;
  for (int i = 0; i < 10; ++i) owls += "\xF0\x9F\xA6\x89";  // U+1F989, 4 bytes each
  std::string cut = shortenForDisplay(owls, 4);
  EXPECT_EQ(cut, "\xF0\x9F\xA6\x89\xF0\x9F\xA6\x89\xF0\x9F\xA6\x89\xE2\x80\xA6");
  EXPECT_TRUE(isValidUtf8(cut));
}

}  // namespace
}  // namespace esafety::pages
