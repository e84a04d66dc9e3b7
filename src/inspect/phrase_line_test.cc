#include "inspect/phrase_line.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace esafety::inspect {
namespace {

using ::testing::ElementsAre;

TEST(PhraseLine, SubstringWholeWordAndWeight) {
  auto line = parsePhraseLine("<sex><10>");
  ASSERT_TRUE(line) << line.status().message();
  EXPECT_THAT(line->phrases, ElementsAre("sex"));
  EXPECT_TRUE(line->has_weight);
  EXPECT_EQ(line->weight, 10);
  EXPECT_FALSE(line->percent);

  line = parsePhraseLine("< sex ><-25>");
  ASSERT_TRUE(line);
  EXPECT_THAT(line->phrases, ElementsAre(" sex "));
  EXPECT_EQ(line->weight, -25);
}

TEST(PhraseLine, Combinations) {
  auto line = parsePhraseLine("< anal >, < porn>,<fuck><70>");
  ASSERT_TRUE(line);
  EXPECT_THAT(line->phrases, ElementsAre(" anal ", " porn", "fuck"));
  EXPECT_EQ(line->weight, 70);
  line = parsePhraseLine("<sex>,<fetish>");  // a banned combination: no weight
  ASSERT_TRUE(line);
  EXPECT_THAT(line->phrases, ElementsAre("sex", "fetish"));
  EXPECT_FALSE(line->has_weight);
}

TEST(PhraseLine, PercentWeightsSpacesAndComments) {
  auto line = parsePhraseLine("< slut ><10%>");
  ASSERT_TRUE(line);
  EXPECT_TRUE(line->percent);
  EXPECT_EQ(line->weight, 10);
  line = parsePhraseLine("< nakna brdar > <40>   # a comment");
  ASSERT_TRUE(line);
  EXPECT_EQ(line->weight, 40);
  EXPECT_EQ(line->trailing, "");
  line = parsePhraseLine("<+5>< +7 >");
  ASSERT_TRUE(line);
  EXPECT_THAT(line->phrases, ElementsAre("+5"));
  EXPECT_EQ(line->weight, 7);
}

TEST(PhraseLine, TrailingTextIsReturned) {
  auto line = parsePhraseLine("<\xe7\xbe\x8e\xe5\xa5\xb3><30>3 #beauty star");
  ASSERT_TRUE(line);
  EXPECT_EQ(line->weight, 30);
  EXPECT_EQ(line->trailing, "3 #beauty star");
}

TEST(PhraseLine, AnythingButGreaterThanInsideTheBrackets) {
  auto line = parsePhraseLine("<content=\"RTA-5042-1996-1400-1577-RTA\">");
  ASSERT_TRUE(line);
  EXPECT_THAT(line->phrases, ElementsAre("content=\"RTA-5042-1996-1400-1577-RTA\""));
}

TEST(PhraseLine, SyntaxErrorsSayWhatWasExpected) {
  auto message = [](std::string_view text) { return parsePhraseLine(text).status().message(); };
  EXPECT_EQ(message("sex<10>"), "expected a phrase in angle brackets, such as <word><10>");
  EXPECT_EQ(message("<sex<10>"), "'<' inside the phrase <sex<10>: is a '>' missing?");
  EXPECT_EQ(message("<sex"), "missing '>' after \"<sex\"");
  EXPECT_EQ(message("<sex><10"), "missing '>' after \"<10\"");
  EXPECT_EQ(message("<><10>"), "empty phrase <>");
  EXPECT_EQ(message("<a>,"), "expected another phrase in angle brackets after ','");
  EXPECT_EQ(message("<a>, b<5>"), "expected another phrase in angle brackets after ','");
  EXPECT_EQ(message("<sex><ten>"),
            "expected a weight such as <10> or <-5> after the phrase, found <ten>");
  EXPECT_EQ(message("<sex><10 %>"),
            "expected a weight such as <10> or <-5> after the phrase, found <10 %>");
  EXPECT_EQ(message("<sex><99999999999>"),
            "weight <99999999999> is out of range (at most 1000000 either way)");
}

}  // namespace
}  // namespace esafety::inspect
