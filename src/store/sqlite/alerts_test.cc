#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

// Alerts in the store: batches with their cursor, episodes, capped evidence,
// triage with sealed notes, and the rules' versions.
#include "records/sealer.h"
#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

using alerts::AlertBatch;
using alerts::AlertState;
using alerts::Hit;
using alerts::TriageAction;

Hit hitFor(int64_t user, std::string category, int level, int64_t event_id, int64_t time_ms) {
  Hit h;
  h.subject.user_id = user;
  h.subject.user_name = "pupil" + std::to_string(user);
  h.subject.group = "KS2";
  h.category = std::move(category);
  h.level = level;
  h.rule = "self-harm or suicide";
  h.evidence = {.source = alerts::Evidence::Source::kEvent,
                .source_id = event_id,
                .event_id = event_id,
                .time_ms = time_ms,
                .rule = h.rule,
                .why = "search matched the self-harm list"};
  return h;
}

class AlertsStoreTest : public StoreTest {
 protected:
  std::unique_ptr<records::Sealer> sealer() {
    auto s = records::openSealer(dir_.file("records.key"), *store_);
    EXPECT_TRUE(s.isOk()) << s.status().toString();
    return std::move(*s);
  }
  static constexpr int64_t kT = 1772530200000;
};

TEST_F(AlertsStoreTest, ABatchStoresItsAlertsWithTheCursor) {
  AlertBatch batch;
  batch.hits.push_back(hitFor(1, "self-harm", 5, 10, kT));
  batch.hits.push_back(hitFor(2, "bullying", 3, 11, kT + 1));
  batch.cursor = {.events_through = 11, .inbox_through = 0};
  auto made = store_->applyAlertBatch(school_, batch);
  ESAFETY_ASSERT_OK(made);
  EXPECT_EQ(*made, 2);
  auto cursor = store_->alertCursor(school_);
  ESAFETY_ASSERT_OK(cursor);
  EXPECT_EQ(cursor->events_through, 11);
  auto listed = store_->alerts(school_, {});
  ESAFETY_ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].level, 5);  // highest level first
  EXPECT_EQ((*listed)[0].state, AlertState::kOpen);
  auto audit = store_->audit(school_, 1);
  EXPECT_EQ(audit->front().action, "alert.raise");
  EXPECT_EQ(audit->front().actor, "rules");
}

TEST_F(AlertsStoreTest, OneEpisodeIsOneAlertWithCappedEvidence) {
  AlertBatch batch;
  batch.evidence_cap = 50;
  for (int i = 0; i < 120; ++i) batch.hits.push_back(hitFor(1, "self-harm", i == 60 ? 5 : 4, i + 1, kT + i * 1000));
  batch.cursor.events_through = 120;
  ESAFETY_ASSERT_OK(store_->applyAlertBatch(school_, batch));
  auto listed = store_->alerts(school_, {});
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].evidence_count, 120);
  EXPECT_EQ((*listed)[0].level, 5);
  EXPECT_EQ((*listed)[0].first_seen_ms, kT);
  EXPECT_EQ((*listed)[0].last_seen_ms, kT + 119000);
  auto detail = store_->alert(school_, (*listed)[0].id);
  ESAFETY_ASSERT_OK(detail);
  ASSERT_EQ((*detail)->evidence.size(), 50u);
  EXPECT_EQ((*detail)->evidence.front().event_id, 1);
  EXPECT_EQ((*detail)->evidence.back().event_id, 50);
}

TEST_F(AlertsStoreTest, AfterTheEpisodeOrOnceClosedANewAlertIsMade) {
  AlertBatch batch;
  batch.hits.push_back(hitFor(1, "self-harm", 4, 1, kT));
  batch.hits.push_back(hitFor(1, "self-harm", 5, 2, kT + 1000));
  batch.hits.push_back(hitFor(1, "self-harm", 4, 3, kT + 1000 + batch.episode_ms + 1));
  ESAFETY_ASSERT_OK(store_->applyAlertBatch(school_, batch));
  auto all = store_->alerts(school_, {});
  ASSERT_EQ(all->size(), 2u);
  // Highest level first: the first episode (level 5, two hits), then the second.
  EXPECT_EQ((*all)[0].evidence_count, 2);
  EXPECT_EQ((*all)[0].last_seen_ms, kT + 1000);
  EXPECT_EQ((*all)[1].evidence_count, 1);
  EXPECT_EQ((*all)[1].level, 4);
  // The next batch extends the newest episode only.
  AlertBatch next;
  next.hits.push_back(hitFor(1, "self-harm", 4, 4, kT + 2000 + batch.episode_ms));
  ESAFETY_ASSERT_OK(store_->applyAlertBatch(school_, next));
  all = store_->alerts(school_, {});
  EXPECT_EQ((*all)[0].evidence_count, 2);
  EXPECT_EQ((*all)[1].evidence_count, 2);
}

TEST_F(AlertsStoreTest, AClassIsItsPupilsAndTheDevicesInItsRoom) {
  auto pupil = [](std::string name, std::string upn, std::string class_name) {
    return identity::Person{.kind = identity::PersonKind::kPupil, .name = std::move(name),
                            .upn = std::move(upn), .date_of_birth = "2017-05-01", .year = 3,
                            .class_name = std::move(class_name)};
  };
  ESAFETY_ASSERT_OK(store_->importPupils(
      school_, {pupil("Amira Khan", "B801200005001", "Oak"), pupil("Ben Ode", "A801200005002", "Ash")},
      "office"));
  auto people = store_->people(school_);
  ESAFETY_ASSERT_OK(people);
  int64_t amira = 0, ben = 0;
  for (const auto& p : *people) (p.name == "Amira Khan" ? amira : ben) = p.id;
  auto ipad = store_->addDevice(school_, {.name = "iPad 3", .room = " oak"}, "it");
  ESAFETY_ASSERT_OK(ipad);

  AlertBatch batch;
  batch.hits.push_back(hitFor(amira, "self-harm", 4, 1, kT));
  batch.hits.push_back(hitFor(ben, "bullying", 3, 2, kT + 1));
  Hit device_only = hitFor(0, "violence", 2, 3, kT + 2);
  device_only.subject.device_id = *ipad;
  device_only.subject.device_name = "iPad 3";
  batch.hits.push_back(device_only);
  batch.cursor.events_through = 3;
  ESAFETY_ASSERT_OK(store_->applyAlertBatch(school_, batch));

  auto oak = store_->alerts(school_, {.class_name = "OAK "});
  ESAFETY_ASSERT_OK(oak);
  ASSERT_EQ(oak->size(), 2u);
  EXPECT_EQ((*oak)[0].category, "self-harm");  // Amira's
  EXPECT_EQ((*oak)[1].category, "violence");   // the Oak room's iPad
  auto ash = store_->alerts(school_, {.class_name = "Ash"});
  ASSERT_EQ(ash->size(), 1u);
  EXPECT_EQ((*ash)[0].category, "bullying");
  EXPECT_TRUE(store_->alerts(school_, {.class_name = "Elm"})->empty());
  EXPECT_EQ(store_->alerts(school_, {.class_name = "  "})->size(), 3u);  // no class: every alert
}

TEST_F(AlertsStoreTest, TriageNeedsANoteSealsItAndIsAudited) {
  AlertBatch batch;
  batch.hits.push_back(hitFor(1, "self-harm", 5, 1, kT));
  ESAFETY_ASSERT_OK(store_->applyAlertBatch(school_, batch));
  const int64_t id = store_->alerts(school_, {})->front().id;
  auto s = sealer();
  EXPECT_EQ(store_->triageAlert(school_, id, TriageAction::kAcknowledge, " ", *s, "dsl").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->triageAlert(school_, id, TriageAction::kMonitor, "x", *s, "dsl").status().code(),
            StatusCode::kFailedPrecondition);  // acknowledge first
  const std::string note = "Spoke with Amy and her mum; Zebra-7731 plan agreed";
  auto acked = store_->triageAlert(school_, id, TriageAction::kAcknowledge, "Looking now", *s, "dsl");
  ESAFETY_ASSERT_OK(acked);
  EXPECT_EQ(*acked, AlertState::kAcknowledged);
  auto monitored = store_->triageAlert(school_, id, TriageAction::kMonitor, note, *s, "dsl");
  ESAFETY_ASSERT_OK(monitored);
  EXPECT_EQ(*monitored, AlertState::kMonitor);
  EXPECT_EQ(store_->triageAlert(school_, id, TriageAction::kNoConcern, "ok", *s, "").status().code(),
            StatusCode::kInvalidArgument);  // no actor
  EXPECT_EQ(store_->triageAlert(school_, 999, TriageAction::kAcknowledge, "x", *s, "dsl").status().code(),
            StatusCode::kNotFound);

  auto detail = store_->alert(school_, id);
  ESAFETY_ASSERT_OK(detail);
  ASSERT_EQ((*detail)->actions.size(), 2u);
  const auto& last = (*detail)->actions.back();
  EXPECT_EQ(last.action, TriageAction::kMonitor);
  EXPECT_EQ(last.actor, "dsl");
  auto opened = s->open(last.sealed_note, "alert-action " + std::to_string(last.id));
  ESAFETY_ASSERT_OK(opened);
  EXPECT_EQ(*opened, note);
  auto audit = store_->audit(school_, 1);
  EXPECT_EQ(audit->front().action, "alert.monitor");
  EXPECT_EQ(audit->front().detail.find("Zebra"), std::string::npos);

  // The note is nowhere in the database file's bytes (nor its WAL).
  store_.reset();
  for (const std::string& path : {dbPath(), dbPath() + "-wal"}) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find("Zebra-7731"), std::string::npos) << path;
  }
}

TEST_F(AlertsStoreTest, AClosedAlertTakesNoMoreEvidenceNorActions) {
  AlertBatch batch;
  batch.hits.push_back(hitFor(1, "self-harm", 5, 1, kT));
  ESAFETY_ASSERT_OK(store_->applyAlertBatch(school_, batch));
  const int64_t id = store_->alerts(school_, {})->front().id;
  auto s = sealer();
  ESAFETY_ASSERT_OK(store_->triageAlert(school_, id, TriageAction::kAcknowledge, "a", *s, "dsl"));
  ESAFETY_ASSERT_OK(store_->triageAlert(school_, id, TriageAction::kFalsePositive, "b", *s, "dsl"));
  EXPECT_EQ(store_->triageAlert(school_, id, TriageAction::kMonitor, "c", *s, "dsl").status().code(),
            StatusCode::kFailedPrecondition);
  AlertBatch later;
  later.hits.push_back(hitFor(1, "self-harm", 5, 2, kT + 1000));
  ESAFETY_ASSERT_OK(store_->applyAlertBatch(school_, later));
  EXPECT_EQ(store_->alerts(school_, {})->size(), 2u);
  alerts::AlertFilter open;
  open.open_only = true;
  EXPECT_EQ(store_->alerts(school_, open)->size(), 1u);
}

TEST_F(AlertsStoreTest, RulesAreVersionedAndNeedAReason) {
  EXPECT_FALSE(store_->alertRules(school_)->has_value());
  EXPECT_EQ(store_->setAlertRules(school_, "x", "dsl", "").status().code(),
            StatusCode::kInvalidArgument);
  ESAFETY_ASSERT_OK(store_->setAlertRules(school_, "first", "dsl", "start"));
  auto v2 = store_->setAlertRules(school_, "second", "head", "tuned for KS1");
  ESAFETY_ASSERT_OK(v2);
  auto rules = store_->alertRules(school_);
  ESAFETY_ASSERT_OK(rules);
  EXPECT_EQ((*rules)->version, *v2);
  EXPECT_EQ((*rules)->text, "second");
  EXPECT_EQ((*rules)->set_by, "head");
  auto audit = store_->audit(school_, 1);
  EXPECT_EQ(audit->front().action, "alert_rules.set");
  EXPECT_EQ(audit->front().reason, "tuned for KS1");
}

TEST_F(AlertsStoreTest, AlertRowsAreNotPolicyChanges) {
  auto before = store_->newestPolicyAuditId(school_);
  ESAFETY_ASSERT_OK(before);
  AlertBatch batch;
  batch.hits.push_back(hitFor(1, "self-harm", 5, 1, kT));
  ESAFETY_ASSERT_OK(store_->applyAlertBatch(school_, batch));
  ESAFETY_ASSERT_OK(store_->setAlertRules(school_, "r", "dsl", "why"));
  EXPECT_EQ(*store_->newestPolicyAuditId(school_), *before);
}

TEST_F(AlertsStoreTest, TheWrappedKeyIsKeptOnceAndSurvivesReopening) {
  auto first = sealer();
  auto sealed = first->seal("note", "alert-action 1");
  ESAFETY_ASSERT_OK(sealed);
  reopen();
  auto second = sealer();
  EXPECT_EQ(*second->open(*sealed, "alert-action 1"), "note");
  EXPECT_EQ(*store_->keepFirstWrappedDataKey("other"), store_->wrappedDataKey()->value_or(""));
}

}  // namespace
}  // namespace esafety::store::testing
