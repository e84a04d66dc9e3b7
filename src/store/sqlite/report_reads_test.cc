// What a report reads from the store by date range: the alerts created in
// it with when each was first acted on and how far it escalated, and the
// audit rows in it, oldest first, streamed.
#include <gtest/gtest.h>

#include "records/sealer.h"
#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

alerts::Hit hitFor(int64_t user, int level, int64_t event_id, int64_t time_ms) {
  alerts::Hit h;
  h.subject.user_id = user;
  h.subject.user_name = "pupil" + std::to_string(user);
  h.subject.group = "KS2";
  h.category = "self-harm";
  h.level = level;
  h.rule = "self-harm or suicide";
  h.evidence.source_id = event_id;
  h.evidence.event_id = event_id;
  h.evidence.time_ms = time_ms;
  h.evidence.rule = h.rule;
  h.evidence.why = "search matched the self-harm list";
  return h;
}

class ReportReadsTest : public StoreTest {
 protected:
  // One alert for `user`, raised at `at` (Unix seconds).
  int64_t raise(int64_t user, int level, int64_t at) {
    clock_.setUnix(at);
    alerts::AlertBatch batch;
    batch.hits.push_back(hitFor(user, level, user, at * 1000));
    batch.cursor.events_through = user;
    EXPECT_TRUE(store_->applyAlertBatch(school_, batch).isOk());
    return store_->alerts(school_, {.person = "pupil" + std::to_string(user)}).value().front().id;
  }
};

TEST_F(ReportReadsTest, AlertsInTheRangeComeWithTheirFirstActionAndEscalation) {
  auto sealer = records::openSealer(dir_.file("records.key"), *store_);
  ESAFETY_ASSERT_OK(sealer);
  const int64_t t = kStartTime;
  raise(1, 5, t - 10);  // before the range
  const int64_t acted = raise(2, 5, t + 100);
  const int64_t escalated = raise(3, 4, t + 200);
  raise(4, 3, t + 1000);  // at the range's end: not in it
  clock_.setUnix(t + 160);
  ESAFETY_ASSERT_OK(store_->triageAlert(school_, acted, alerts::TriageAction::kAcknowledge, "looking",
                                        **sealer, "dsl").status());
  clock_.setUnix(t + 900);
  ESAFETY_ASSERT_OK(store_->triageAlert(school_, acted, alerts::TriageAction::kFalsePositive, "a song",
                                        **sealer, "dsl").status());
  ESAFETY_ASSERT_OK(store_->recordEscalationSteps(
      school_, {{.alert_id = escalated, .rung = 0, .rota = "in_hours", .target = "role:dsl", .at = t + 300},
                {.alert_id = escalated, .rung = 1, .rota = "in_hours", .target = "role:head", .at = t + 1200}}));

  auto rows = store_->alertsCreatedBetween(school_, t, t + 1000);
  ESAFETY_ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].alert.id, acted);
  EXPECT_EQ((*rows)[0].first_action_at, t + 160);  // the acknowledgement, not the later action
  EXPECT_EQ((*rows)[0].alert.state, alerts::AlertState::kFalsePositive);
  EXPECT_EQ((*rows)[0].escalation_steps, 0);
  EXPECT_EQ((*rows)[0].highest_rung, -1);
  EXPECT_EQ((*rows)[1].alert.id, escalated);
  EXPECT_EQ((*rows)[1].first_action_at, 0);
  EXPECT_EQ((*rows)[1].escalation_steps, 2);
  EXPECT_EQ((*rows)[1].highest_rung, 1);
  EXPECT_EQ((*rows)[1].alert.rule, "self-harm or suicide");
}

TEST_F(ReportReadsTest, AuditRowsInTheRangeAreStreamedOldestFirst) {
  const int64_t t = kStartTime;
  for (int i = 0; i < 5; ++i) {
    clock_.setUnix(t + i * 100);
    ESAFETY_ASSERT_OK(store_->appendAudit(school_, "it", "group.update", "KS1",
                                          "change " + std::to_string(i), "reason " + std::to_string(i)));
  }
  std::vector<std::string> seen;
  ESAFETY_ASSERT_OK(store_->forEachAuditBetween(school_, t + 100, t + 400, [&](const AuditEntry& e) {
    seen.push_back(e.detail + "/" + e.reason);
  }));
  EXPECT_EQ(seen, (std::vector<std::string>{"change 1/reason 1", "change 2/reason 2",
                                            "change 3/reason 3"}));
}

TEST_F(ReportReadsTest, MakingAReportIsNoPolicyChange) {
  auto before = store_->newestPolicyAuditId(school_);
  ESAFETY_ASSERT_OK(before);
  ESAFETY_ASSERT_OK(store_->appendAudit(school_, "head", "report.pack", "2026-09-01 to 2026-12-18",
                                        "evidence pack of 12 files", ""));
  EXPECT_EQ(store_->newestPolicyAuditId(school_).value(), *before);
}

}  // namespace
}  // namespace esafety::store::testing
