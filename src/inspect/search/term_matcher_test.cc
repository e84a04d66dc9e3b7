#include "inspect/search/term_matcher.h"

#include <gtest/gtest.h>

#include <thread>

namespace esafety::search {
namespace {

class TermMatcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    MonitoringLists lists = builtinMonitoringLists();
    ASSERT_TRUE(lists.problems.empty());
    auto built = TermMatcher::build(lists.entries);
    ASSERT_TRUE(built.isOk()) << built.status().toString();
    matcher_ = new TermMatcher(std::move(*built));
  }
  static void TearDownTestSuite() { delete matcher_; }

  // "category: phrase" for each hit.
  static std::vector<std::string> hitsOf(std::string_view term) {
    std::vector<std::string> out;
    for (const TermHit& h : matcher_->match(term)) {
      out.push_back(h.entry->category + ": " + h.entry->phrase);
    }
    return out;
  }
  static std::set<std::string> categoriesOf(std::string_view term) {
    std::set<std::string> out;
    for (const TermHit& h : matcher_->match(term)) out.insert(h.entry->category);
    return out;
  }

  static TermMatcher* matcher_;
};
TermMatcher* TermMatcherTest::matcher_ = nullptr;

// Searches a primary-school pupil might make for a lesson or for fun: none
// may raise a safeguarding alert.
TEST_F(TermMatcherTest, InnocentSearchesDoNotFlag) {
  for (std::string_view term : {"how to draw a horse",
                                "paper cutting craft",
                                "minecraft skills",
                                "scunthorpe united",
                                "essex",
                                "cocktail sausages",
                                "grape",
                                "sussex and middlesex",
                                "grapes of wrath",
                                "skills for life",
                                "kill time at the weekend",
                                "henry viii wives beheaded",
                                "anne boleyn execution",
                                "isis egyptian goddess",
                                "heroine of the story",
                                "blue tits nest box",
                                "bath bombs",
                                "shooting stars",
                                "cutting my hair",
                                "bob's burgers",
                                "weedle pokemon",
                                "assassin's creed",
                                "analysis of a poem",
                                "the great fire of london 1666",
                                "1488 bartolomeu dias",
                                "cock-a-doodle-doo",
                                "titanic facts",
                                "class 5b spellings",
                                "snowball fight",
                                "how to make a boat",
                                "dickens oliver twist",
                                "sexton blake",
                                "matches for kids",
                                "pot plants",
                                "grass snake",
                                "paint stripper",
                                "nudibranch",
                                "hardcore history",
                                "uranus planet",
                                "knife and fork",
                                "year 4 times tables",
                                "cutlery set"}) {
    EXPECT_TRUE(matcher_->match(term).empty())
        << "'" << term << "' flagged: " << ::testing::PrintToString(hitsOf(term));
  }
}

TEST_F(TermMatcherTest, RiskySearchesFlagTheRightCategory) {
  const std::pair<std::string_view, std::string_view> kCases[] = {
      {"how to kill myself", "self-harm"},
      {"ways to self harm", "self-harm"},
      {"ways to self-harm", "self-harm"},
      {"suicde", "self-harm"},
      {"i feel suicidal", "self-harm"},
      {"how to join isis", "extremism"},
      {"buy weed", "drugs"},
      {"where to buy weed near me", "drugs"},
      {"how to make a bomb", "violence-weapons"},
      {"how to bully someone", "bullying"},
      {"send nudes", "grooming"},
      {"pornhub", "sexual-content"},
  };
  for (const auto& [term, category] : kCases) {
    EXPECT_TRUE(categoriesOf(term).contains(std::string(category)))
        << "'" << term << "' should flag " << category << ", got "
        << ::testing::PrintToString(hitsOf(term));
  }
}

TEST_F(TermMatcherTest, DisguisedSpellingsStillFlag) {
  EXPECT_TRUE(categoriesOf("how to K1LL MY$ELF").contains("self-harm"));
  EXPECT_TRUE(categoriesOf("killlll myself").contains("self-harm"));
  EXPECT_TRUE(categoriesOf("b-u-y w33d").empty());  // letters split by dashes are words apart
  EXPECT_TRUE(categoriesOf("BUY W33D!!!").contains("drugs"));
  EXPECT_TRUE(categoriesOf("p0rn").contains("sexual-content"));
  EXPECT_TRUE(categoriesOf("cyberbullying at school").contains("bullying"));
}

TEST_F(TermMatcherTest, HitsSayWhyMostSeriousFirst) {
  std::vector<TermHit> hits = matcher_->match("i want to kill myself because of cyberbullying");
  ASSERT_GE(hits.size(), 2u);
  EXPECT_EQ(hits[0].entry->level, 5);
  EXPECT_EQ(hits[0].entry->category, "self-harm");
  EXPECT_EQ(hits.back().entry->category, "bullying");
  EXPECT_EQ(hits.back().entry->phrase, "cyberbully*");
  EXPECT_EQ(hits.back().entry->file, "monitoring/bullying.list");
  EXPECT_GT(hits.back().entry->line, 0);
  EXPECT_EQ(TermMatcher::maxLevel(hits), 5);
  EXPECT_EQ(TermMatcher::maxLevel({}), 0);
}

TEST_F(TermMatcherTest, EachEntryIsReportedOnce) {
  std::vector<TermHit> hits = matcher_->match("buy weed buy weed buy weed");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].entry->phrase, "buy weed");
}

TEST_F(TermMatcherTest, SafeFromManyThreads) {
  std::vector<std::thread> threads;
  std::atomic<int> flagged{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        if (!matcher_->match("how to make a bomb").empty()) ++flagged;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(flagged.load(), 800);
}

TEST(TermMatcher, AnEmptyListMatchesNothing) {
  auto matcher = TermMatcher::build({});
  ASSERT_TRUE(matcher.isOk());
  EXPECT_TRUE(matcher->match("how to kill myself").empty());
  EXPECT_EQ(matcher->size(), 0u);
}

TEST(TermMatcher, PrefixEntriesMatchWordStartsOnly) {
  MonitoringLists lists;
  parseMonitoringList("t.list", "t", "suicid*\t4\nbomb\t3\n", lists);
  auto matcher = TermMatcher::build(lists.entries);
  ASSERT_TRUE(matcher.isOk());
  EXPECT_EQ(matcher->match("suicidal thoughts").size(), 1u);
  EXPECT_EQ(matcher->match("suicide").size(), 1u);
  EXPECT_TRUE(matcher->match("presuicide").empty());
  EXPECT_TRUE(matcher->match("bombs").empty());
  EXPECT_EQ(matcher->match("a bomb").size(), 1u);
  EXPECT_EQ(matcher->match("BOMB").size(), 1u);
}

TEST(TermMatcher, TwoMatchersDoNotShareScratch) {
  MonitoringLists a, b;
  parseMonitoringList("a.list", "a", "alpha words\t1\n", a);
  parseMonitoringList("b.list", "b", "beta words\t2\ngamma words here\t3\n", b);
  auto first = TermMatcher::build(a.entries);
  auto second = TermMatcher::build(b.entries);
  ASSERT_TRUE(first.isOk() && second.isOk());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(first->match("alpha words").size(), 1u);
    EXPECT_EQ(second->match("gamma words here beta words").size(), 2u);
  }
}

}  // namespace
}  // namespace esafety::search
