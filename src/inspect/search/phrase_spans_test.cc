// Proximity entries and context lines, through the matcher that uses them.
#include "inspect/search/phrase_spans.h"

#include <gtest/gtest.h>

namespace esafety::search {
namespace {

class PhraseSpans : public ::testing::Test {
 protected:
  void build(std::string_view category, std::string_view text) {
    parseMonitoringList(std::string(category) + ".list", category, text, lists_);
    ASSERT_TRUE(lists_.problems.empty()) << lists_.problems[0].toString();
    auto m = TermMatcher::build(lists_.entries);
    ASSERT_TRUE(m.isOk()) << m.status().toString();
    matcher_ = std::make_unique<TermMatcher>(std::move(*m));
  }
  // "phrase=level" per hit, most serious first.
  std::vector<std::string> hits(std::string_view term) {
    std::vector<std::string> out;
    for (const TermHit& h : matcher_->match(term)) {
      out.push_back(h.entry->phrase + "=" + std::to_string(h.level));
    }
    return out;
  }
  using V = std::vector<std::string>;
  MonitoringLists lists_;
  std::unique_ptr<TermMatcher> matcher_;
};

TEST_F(PhraseSpans, ProximityNeedsBothPhrasesWithinNWordsInEitherOrder) {
  build("disclosure", "teacher ~3 touched me\t5\ndad ~0 hit*\t5\n");
  EXPECT_EQ(hits("my teacher touched me"), V{"teacher ~3 touched me=5"});
  EXPECT_EQ(hits("my teacher at school today touched me"), V{"teacher ~3 touched me=5"});
  EXPECT_EQ(hits("touched me was my teacher"), V{"teacher ~3 touched me=5"});
  EXPECT_EQ(hits("teacher said it was fine then a dog touched me"), V{});
  EXPECT_EQ(hits("my teacher"), V{});
  EXPECT_EQ(hits("touched me"), V{});
  EXPECT_EQ(hits("my dad hits me"), V{"dad ~0 hit*=5"});
  EXPECT_EQ(hits("my d4d hits me"), V{"dad ~0 hit*=5"});
  EXPECT_EQ(hits("my dad often hits me"), V{});
}

TEST_F(PhraseSpans, ContextLowersOrDropsOnlyTheMatchesInsideIt) {
  build("self-harm",
        "suicide\t4\nkill myself\t5\n!suicide squad\t0\n!romeo and juliet ~5 suicide\t1\n");
  EXPECT_EQ(hits("suicide squad film cast"), V{});
  EXPECT_EQ(hits("romeo and juliet suicide scene"), V{"suicide=1"});
  EXPECT_EQ(hits("suicide in romeo and juliet"), V{"suicide=1"});
  // Outside the context's words the match keeps its level.
  EXPECT_EQ(hits("suicide squad then kill myself"), V{"kill myself=5"});
  EXPECT_EQ(hits("suicide squad suicide"), V{"suicide=4"});
  EXPECT_EQ(hits("suicide"), V{"suicide=4"});
}

TEST_F(PhraseSpans, ContextOnlyAppliesToItsOwnList) {
  parseMonitoringList("bullying.list", "bullying", "!kill yourself\t0\n", lists_);
  build("self-harm", "kill\t4\n");
  EXPECT_EQ(hits("kill yourself"), V{"kill=4"});
}

TEST_F(PhraseSpans, HitsNameTheContextThatLoweredThem) {
  build("self-harm", "suicide\t4\n!romeo and juliet ~5 suicide\t1\n");
  std::vector<TermHit> found = matcher_->match("romeo and juliet suicide");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(describeHit(found[0]),
            "self-harm.list:1 \"suicide\" level 1, lowered from 4 by self-harm.list:2 "
            "\"!romeo and juliet ~5 suicide\"");
}

TEST_F(PhraseSpans, ManyRepeatsStayBounded) {
  build("self-harm", "a ~9 b\t3\n");
  std::string term;
  for (int i = 0; i < 1000; ++i) term += "a b ";
  EXPECT_EQ(hits(term), V{"a ~9 b=3"});
}

}  // namespace
}  // namespace esafety::search
