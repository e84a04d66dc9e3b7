#include "inspect/search/monitoring_evaluation.h"

#include <gtest/gtest.h>

namespace esafety::search {
namespace {

TermMatcher matcherOf(std::string_view category, std::string_view text) {
  MonitoringLists lists;
  parseMonitoringList(std::string(category) + ".list", category, text, lists);
  EXPECT_TRUE(lists.problems.empty()) << lists.problems[0].toString();
  auto m = TermMatcher::build(lists.entries);
  EXPECT_TRUE(m.isOk());
  return std::move(*m);
}

constexpr std::string_view kCorpus =
    "text\tlevel\tcategory\tsplit\n"
    "how to kill myself\t5\tself-harm\tholdout\n"   // found
    "how to make a noose\t5\tself-harm\tholdout\n"  // missed
    "i hate myself\t3\tself-harm\tholdout\n"        // found
    "suicide squad film cast\t0\ttitle\tholdout\n"  // harmless, matched: blocked at 4
    "scunthorpe united\t0\tplace-name\tholdout\n"   // harmless
    "want to die\t4\tself-harm\ttune\n";            // not in the holdout split

TEST(MonitoringEvaluation, CountsRecallFalsePositivesAndOverBlocking) {
  TermMatcher m = matcherOf("self-harm", "kill myself\t5\nsuicide\t4\nhate myself\t3\n");
  MonitoringCorpus corpus = parseMonitoringCorpus("c.tsv", kCorpus);
  MonitoringEvaluation e = evaluateMonitoring(corpus, m, {.split = CorpusSplit::kHoldout});
  EXPECT_EQ(e.recall_all.rows, 3);
  EXPECT_EQ(e.recall_all.hits, 2);
  EXPECT_EQ(e.recall_high.rows, 2);
  EXPECT_EQ(e.recall_high.hits, 1);
  EXPECT_EQ(e.recall_by_level[5].rows, 2);
  EXPECT_EQ(e.recall_by_category["self-harm"].hits, 2);
  EXPECT_EQ(e.false_positives.rows, 2);
  EXPECT_EQ(e.false_positives.hits, 1);
  EXPECT_EQ(e.overblocked.hits, 1);
  ASSERT_EQ(e.misses.size(), 1u);
  EXPECT_EQ(e.misses[0].row->line, 3);
  EXPECT_TRUE(e.misses[0].why.empty());
  ASSERT_EQ(e.false_positive_rows.size(), 1u);
  EXPECT_EQ(e.false_positive_rows[0].why.at(0),
            "self-harm: self-harm.list:2 \"suicide\" level 4");

  std::vector<std::string> failures = thresholdFailures(e, {});
  ASSERT_EQ(failures.size(), 4u);
  EXPECT_EQ(failures[0], "recall for level >= 4 is 50.0% (1 of 2); --min-recall-high is 95%");
  EXPECT_EQ(failures[3], "the over-block rate on harmless rows is 50.0% (1 of 2); "
                         "--max-overblock is 1%");
}

TEST(MonitoringEvaluation, AContextLineFixesTheFalsePositiveAndBlockLevelZeroNeverBlocks) {
  TermMatcher m = matcherOf("self-harm",
                            "kill myself\t5\nsuicide\t4\nhate myself\t3\nnoose\t5\n"
                            "!suicide squad\t0\n");
  MonitoringCorpus corpus = parseMonitoringCorpus("c.tsv", kCorpus);
  MonitoringEvaluation e = evaluateMonitoring(corpus, m, {.split = CorpusSplit::kHoldout});
  EXPECT_EQ(e.recall_all.hits, 3);
  EXPECT_EQ(e.false_positives.hits, 0);
  EXPECT_TRUE(thresholdFailures(e, {}).empty());

  TermMatcher plain = matcherOf("self-harm", "suicide\t4\n");
  MonitoringEvaluation all =
      evaluateMonitoring(corpus, plain, {.split = CorpusSplit::kAll, .block_level = 0});
  EXPECT_EQ(all.recall_all.rows, 4);
  EXPECT_EQ(all.false_positives.hits, 1);
  EXPECT_EQ(all.overblocked.hits, 0);
}

TEST(MonitoringEvaluation, AFoundRowNeedsItsOwnCategory) {
  TermMatcher m = matcherOf("bullying", "hits me\t3\n");
  MonitoringCorpus corpus = parseMonitoringCorpus("c.tsv",
                                                  "text\tlevel\tcategory\tsplit\n"
                                                  "my dad hits me\t5\tdisclosure\tholdout\n");
  MonitoringEvaluation e = evaluateMonitoring(corpus, m, {});
  EXPECT_EQ(e.recall_all.hits, 0);
  ASSERT_EQ(e.misses.size(), 1u);
  EXPECT_EQ(e.misses[0].why.at(0), "bullying: bullying.list:1 \"hits me\" level 3");
  // Nothing harmless to measure is a failure, not a pass.
  EXPECT_EQ(thresholdFailures(e, {}).at(0), "no harmless rows (level 0) in the split");
}

}  // namespace
}  // namespace esafety::search
