#include "alerts/rules.h"

#include <gtest/gtest.h>

namespace esafety::alerts {
namespace {

std::string errorOf(std::string_view text) {
  auto parsed = parseRules(text);
  EXPECT_FALSE(parsed.isOk()) << text;
  return parsed ? "" : parsed.status().message();
}

TEST(RulesTest, TheDefaultsParseAndCoverTheIssuesList) {
  auto rules = parseRules(defaultRulesText());
  ASSERT_TRUE(rules.isOk()) << rules.status().toString();
  std::set<std::string> tags;
  std::set<MatchKind> kinds;
  for (const Rule& r : rules->rules) {
    tags.insert(r.tags.begin(), r.tags.end());
    kinds.insert(r.match);
  }
  for (const char* tag : {"self-harm", "suicide", "extremism", "sexual-content", "bullying",
                          "grooming", "violence", "drugs", "hate", "circumvention"}) {
    EXPECT_TRUE(tags.contains(tag)) << tag;
  }
  EXPECT_EQ(kinds.size(), 5u);  // every kind of match
  EXPECT_EQ(rules->episode_ms, 30 * 60 * 1000);
  EXPECT_EQ(rules->evidence_cap, 50);
}

TEST(RulesTest, LevelsFollowTheAgeBand) {
  auto rules = parseRules(defaultRulesText());
  ASSERT_TRUE(rules.isOk());
  const Rule& self_harm = rules->rules.front();
  ASSERT_EQ(self_harm.name, "self-harm or suicide");
  EXPECT_EQ(self_harm.levelFor(rules->bandOf("KS1")), 5);
  EXPECT_EQ(self_harm.levelFor(rules->bandOf("KS2")), 5);
  EXPECT_EQ(self_harm.levelFor(rules->bandOf("Staff")), 3);
  EXPECT_EQ(self_harm.levelFor(rules->bandOf("Visitor")), 3);
  EXPECT_EQ(rules->bandOf("Unknown device"), "other");
  EXPECT_EQ(self_harm.levelFor(rules->bandOf("Unknown device")), 4);
}

TEST(RulesTest, ASyntaxErrorNamesItsLine) {
  std::string text =
      "episode_minutes = 30\n"
      "[[rule]]\n"
      "name = \"a\"\n"
      "match = \"tag\"\n"
      "tags = [\"self-harm\"\n";  // line 5: the list never closes
  EXPECT_EQ(errorOf(text).rfind("line 5: ", 0), 0u) << errorOf(text);
}

TEST(RulesTest, BadValuesNameTheirLineAndReason) {
  const std::string head = "[[rule]]\nname = \"a\"\nmatch = \"tag\"\ntags = [\"x\"]\n";
  EXPECT_EQ(errorOf(head + "level = 9\n"), "line 5: level must be a whole number from 1 to 5");
  EXPECT_EQ(errorOf(head + "levels = { ks1 = 0 }\n"),
            "line 5: levels.ks1 must be a whole number from 1 to 5");
  EXPECT_EQ(errorOf(head + "colour = \"red\"\n"), "line 5: 'colour' is not a rule setting");
  EXPECT_EQ(errorOf("[[rule]]\nname = \"a\"\nmatch = \"telepathy\"\n"),
            "line 3: match 'telepathy' is not one of: tag, blocked-category, repeated-blocks, "
            "score, tell-teacher");
  EXPECT_EQ(errorOf("\n\n[[rule]]\nname = \"a\"\nmatch = \"tag\"\n"), "line 3: rule 'a' needs tags");
  EXPECT_EQ(errorOf("[[rule]]\nname = \"r\"\nmatch = \"repeated-blocks\"\ncount = 5\n"),
            "line 1: rule 'r' needs count and window_minutes");
  EXPECT_EQ(errorOf(head + head), "line 5: two rules are named 'a'");
  EXPECT_EQ(errorOf("episode_minutes = 0\n" + head),
            "line 1: episode_minutes must be a whole number from 1 to 1440");
  EXPECT_EQ(errorOf("nonsense = 1\n" + head), "line 1: 'nonsense' is not a rules setting");
  EXPECT_EQ(errorOf("episode_minutes = 5\n"), "line 1: there are no [[rule]] tables");
}

TEST(RulesTest, RefusesOversizedText) {
  std::string text(kMaxRulesText + 1, '#');
  EXPECT_NE(errorOf(text).find("over"), std::string::npos);
}

}  // namespace
}  // namespace esafety::alerts
