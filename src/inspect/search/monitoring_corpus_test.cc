#include "inspect/search/monitoring_corpus.h"

#include <gtest/gtest.h>

namespace esafety::search {
namespace {

TEST(MonitoringCorpus, ReadsRowsWithTheirLine) {
  MonitoringCorpus c = parseMonitoringCorpus(
      "c.tsv",
      "text\tlevel\tcategory\tsplit\tnote\n"
      "how to kill myself\t5\tself-harm\ttune\t\n"
      "\n"
      "scunthorpe united\t0\tplace-name\tholdout\r\n"
      "kys\t3\tbullying\tholdout\ttext-speak\n");
  ASSERT_TRUE(c.problems.empty()) << c.problems[0].toString();
  ASSERT_EQ(c.rows.size(), 3u);
  EXPECT_EQ(c.rows[0].text, "how to kill myself");
  EXPECT_EQ(c.rows[0].level, 5);
  EXPECT_FALSE(c.rows[0].holdout);
  EXPECT_EQ(c.rows[1].line, 4);
  EXPECT_EQ(c.rows[1].category, "place-name");
  EXPECT_TRUE(c.rows[1].holdout);
  EXPECT_EQ(c.rows[2].note, "text-speak");
  EXPECT_EQ(c.rows[2].file, "c.tsv");
}

TEST(MonitoringCorpus, BadRowsAreProblemsWithFileAndLine) {
  MonitoringCorpus c = parseMonitoringCorpus("c.tsv",
                                             "text\tlevel\tcategory\tsplit\n"
                                             "ok\t1\tdrugs\ttune\n"
                                             "no split\t1\tdrugs\n"
                                             "bad level\t7\tdrugs\ttune\n"
                                             "bad split\t1\tdrugs\ttrain\n"
                                             "\t1\tdrugs\ttune\n");
  ASSERT_EQ(c.rows.size(), 1u);
  ASSERT_EQ(c.problems.size(), 4u);
  EXPECT_EQ(c.problems[0].toString(), "c.tsv:3: expected 4 or 5 tab-separated columns, got 3");
  EXPECT_EQ(c.problems[1].toString(), "c.tsv:4: level must be 0 (harmless) to 5, not '7'");
  EXPECT_EQ(c.problems[2].toString(), "c.tsv:5: split must be 'tune' or 'holdout', not 'train'");
  EXPECT_EQ(c.problems[3].toString(), "c.tsv:6: the search text is empty");
}

TEST(MonitoringCorpus, TheHeaderIsRequired) {
  MonitoringCorpus c = parseMonitoringCorpus("c.tsv", "how to kill myself\t5\tself-harm\ttune\n");
  EXPECT_TRUE(c.rows.empty());
  ASSERT_EQ(c.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].line, 1);
  EXPECT_TRUE(parseMonitoringCorpus("c.tsv", "").problems.size() == 1);
}

}  // namespace
}  // namespace esafety::search
