#include "core/text.h"

#include <gtest/gtest.h>

namespace esafety {
namespace {

TEST(LineReader, HandlesCrlfBomAndNoFinalNewline) {
  LineReader r("\xEF\xBB\xBF" "one\r\ntwo\n\nthree");
  std::string_view line;
  std::vector<std::string> lines;
  while (r.next(line)) lines.emplace_back(line);
  EXPECT_EQ(lines, (std::vector<std::string>{"one", "two", "", "three"}));
  EXPECT_EQ(r.lineNumber(), 4);
}

TEST(Utf8, ValidatesAndConvertsLatin1) {
  EXPECT_TRUE(isValidUtf8("caf\xc3\xa9"));
  EXPECT_FALSE(isValidUtf8("caf\xe9"));
  EXPECT_FALSE(isValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(isValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(isValidUtf8("\xe2\x82"));          // cut short
  bool converted = false;
  EXPECT_EQ(toUtf8("caf\xe9", &converted), "caf\xc3\xa9");
  EXPECT_TRUE(converted);
  EXPECT_EQ(toUtf8("plain", &converted), "plain");
  EXPECT_FALSE(converted);
}

TEST(Text, TrimLowerBinary) {
  EXPECT_EQ(trim("  a b \r\n"), "a b");
  EXPECT_EQ(asciiLower("ExAmPle.COM"), "example.com");
  EXPECT_TRUE(looksBinary(std::string("a\0b", 3)));
  EXPECT_TRUE(looksBinary("\x01\x02"));
  EXPECT_FALSE(looksBinary("tab\tseparated"));
}

}  // namespace
}  // namespace esafety
