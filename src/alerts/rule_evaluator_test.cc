#include "alerts/rule_evaluator.h"

#include <gtest/gtest.h>

#include "events/test_event.h"

namespace esafety::alerts {
namespace {

std::shared_ptr<const RuleSet> defaults() {
  auto rules = parseRules(defaultRulesText());
  EXPECT_TRUE(rules.isOk());
  return std::make_shared<const RuleSet>(std::move(*rules));
}

events::Event search(std::string_view group, std::string_view terms, std::string_view tags) {
  events::Event e = events::testEvent(7);
  e.group.assign(group);
  e.user_name.assign("amy.pupil");
  e.search_terms.assign(terms);
  e.tags.assign(tags);
  e.verdict = policy::Verdict::kAllow;
  e.category.assign("");
  e.scores.assign("");
  return e;
}

TEST(RuleEvaluatorTest, AKs2SelfHarmSearchIsLevel5AndAStaffOneLevel3) {
  RuleEvaluator eval(defaults(), {});
  std::vector<Hit> hits;
  eval.evaluate(11, search("KS2", "how to hurt myself", "self-harm"), hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].category, "self-harm");
  EXPECT_EQ(hits[0].level, 5);
  EXPECT_EQ(hits[0].rule, "self-harm or suicide");
  EXPECT_EQ(hits[0].evidence.event_id, 11);
  EXPECT_EQ(hits[0].evidence.why, "search \"how to hurt myself\" matched the self-harm list");
  EXPECT_EQ(hits[0].subject.user_name, "amy.pupil");

  hits.clear();
  eval.evaluate(12, search("Staff", "self harm training", "self-harm"), hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].level, 3);
}

// A KS1 group that blocks uncategorised sites blocks the search before the
// filter looks at its words: the event has the words but no tags. The
// monitoring lists, matched here again, still find it.
TEST(RuleEvaluatorTest, SearchWordsTheFilterDidNotTagAreMatchedAgain) {
  auto lists = search::builtinMonitoringLists();
  auto matcher = search::TermMatcher::build(lists.entries);
  ASSERT_TRUE(matcher.isOk());
  events::Event e = search("KS1", "how to kill myself", "");
  e.verdict = policy::Verdict::kBlock;
  std::vector<Hit> hits;
  RuleEvaluator without(defaults(), {});
  without.evaluate(1, e, hits);
  EXPECT_TRUE(hits.empty());
  RuleEvaluator with(defaults(), {}, &*matcher);
  with.evaluate(1, e, hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].category, "self-harm");
  EXPECT_EQ(hits[0].level, 5);
  // The why names the list line a DSL or a list author can go to.
  EXPECT_TRUE(hits[0].evidence.why.starts_with(
      "search \"how to kill myself\" matched the self-harm list: \"how to kill myself\" (level 5, "
      "monitoring/self-harm.list:"))
      << hits[0].evidence.why;
  // Harmless words stay harmless.
  hits.clear();
  with.evaluate(2, search("KS1", "skills for maths", ""), hits);
  EXPECT_TRUE(hits.empty());
}

TEST(RuleEvaluatorTest, ADisclosureIsRaisedAtLevel5EvenWithoutARuleForIt) {
  // The defaults have a disclosure rule.
  RuleEvaluator eval(defaults(), {});
  std::vector<Hit> hits;
  eval.evaluate(3, search("Staff", "my dad hits me", "disclosure"), hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].rule, "disclosure");
  EXPECT_EQ(hits[0].level, 5);
  // A school's rules from before the disclosure list: still raised.
  auto old = parseRules("[[rule]]\nname = \"bullying\"\nmatch = \"tag\"\ntags = [\"bullying\"]\n"
                        "level = 3\n");
  ASSERT_TRUE(old.isOk()) << old.status().toString();
  RuleEvaluator custom(std::make_shared<const RuleSet>(std::move(*old)), {});
  hits.clear();
  custom.evaluate(4, search("KS2", "my dad hits me", "disclosure"), hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].category, "disclosure");
  EXPECT_EQ(hits[0].level, 5);
  EXPECT_EQ(hits[0].rule, kBuiltInDisclosureRule);
  EXPECT_EQ(hits[0].evidence.why, "search \"my dad hits me\" matched the disclosure list");
  hits.clear();
  custom.evaluate(5, search("KS2", "my dad hits me", "bullying"), hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].category, "bullying");
}

TEST(RuleEvaluatorTest, AnUntaggedAllowedEventMakesNoHit) {
  RuleEvaluator eval(defaults(), {});
  std::vector<Hit> hits;
  eval.evaluate(1, search("KS1", "dinosaurs", ""), hits);
  EXPECT_TRUE(hits.empty());
}

TEST(RuleEvaluatorTest, OneEventIsOneHitPerCategoryAtTheHighestLevel) {
  RuleEvaluator eval(defaults(), {});
  events::Event e = search("KS1", "", "self-harm");
  e.verdict = policy::Verdict::kBlock;
  e.category.assign("self-harm");  // both the tag rule (5) and the blocked-site rule (4)
  std::vector<Hit> hits;
  eval.evaluate(3, e, hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].level, 5);
}

TEST(RuleEvaluatorTest, BlockedRiskyCategoryAndCircumvention) {
  RuleEvaluator eval(defaults(), {});
  events::Event blocked = search("KS1", "", "");
  blocked.verdict = policy::Verdict::kBlock;
  blocked.category.assign("pornography");
  std::vector<Hit> hits;
  eval.evaluate(4, blocked, hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].category, "pornography");
  EXPECT_EQ(hits[0].level, 4);

  blocked.category.assign("games");  // blocked, but not a risk
  hits.clear();
  eval.evaluate(5, blocked, hits);
  EXPECT_TRUE(hits.empty());

  hits.clear();
  eval.evaluate(6, search("KS2", "", "circumvention;doh-resolver"), hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].category, "circumvention");
  EXPECT_EQ(hits[0].level, 2);
}

TEST(RuleEvaluatorTest, RepeatedBlocksCountWithinTheWindowOnly) {
  RuleEvaluator eval(defaults(), {});
  events::Event e = search("KS2", "", "");
  e.verdict = policy::Verdict::kBlock;
  e.category.assign("games");
  std::vector<Hit> hits;
  // Nine blocks a minute apart, then a gap of ten minutes: no alert.
  for (int i = 0; i < 9; ++i) {
    e.time_ms = 1'000'000 + i * 30'000;
    eval.evaluate(i, e, hits);
  }
  EXPECT_TRUE(hits.empty());
  e.time_ms += 10 * 60'000;
  eval.evaluate(9, e, hits);
  EXPECT_TRUE(hits.empty());
  // Nine more within the window make ten.
  for (int i = 0; i < 9; ++i) {
    e.time_ms += 1000;
    eval.evaluate(10 + i, e, hits);
  }
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].category, "repeated-blocks");
  EXPECT_EQ(hits[0].level, 3);
  EXPECT_EQ(hits[0].evidence.event_id, 18);
}

TEST(RuleEvaluatorTest, PhraseScoresOverTheGroupsLimit) {
  RuleEvaluator eval(defaults(), {{"KS2", 100}});
  events::Event e = search("KS2", "", "");
  e.scores.assign("violence=100;pornography=40");
  std::vector<Hit> hits;
  eval.evaluate(1, e, hits);
  EXPECT_TRUE(hits.empty());  // at the limit is not over it
  e.scores.assign("violence=160;pornography=40");
  eval.evaluate(2, e, hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].category, "violence");
  EXPECT_NE(hits[0].evidence.why.find("scored 160 for violence, over the limit of 100"),
            std::string::npos);
  // A group without a stored limit uses the default (50 for pupils).
  hits.clear();
  e.group.assign("KS1");
  e.scores.assign("drugs=60");
  eval.evaluate(3, e, hits);
  ASSERT_EQ(hits.size(), 1u);
}

TEST(RuleEvaluatorTest, ATellTeacherPressIsEvidenceAboutTheBlockedPupil) {
  RuleEvaluator eval(defaults(), {});
  events::Event blocked = search("KS1", "", "");
  blocked.verdict = policy::Verdict::kBlock;
  blocked.setUrl("http://games.example/");
  std::vector<Hit> hits;
  eval.evaluatePress({.inbox_id = 9, .reference = 77, .client_ip = "10.0.0.5", .created_at = 100},
                     &blocked, 40, hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].category, "tell-teacher");
  EXPECT_EQ(hits[0].level, 3);
  EXPECT_EQ(hits[0].subject.user_name, "amy.pupil");
  EXPECT_EQ(hits[0].evidence.source, Evidence::Source::kInbox);
  EXPECT_EQ(hits[0].evidence.source_id, 9);
  EXPECT_EQ(hits[0].evidence.event_id, 40);
  // Without the event, the press still reaches a person, by its address.
  hits.clear();
  eval.evaluatePress({.inbox_id = 10, .reference = 78, .client_ip = "10.0.0.5", .created_at = 100},
                     nullptr, 0, hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].subject.key(), "address 10.0.0.5");
}

}  // namespace
}  // namespace esafety::alerts
