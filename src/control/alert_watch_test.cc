// AlertWatch over a real SQLite store: after prime(), a notice reports the
// new alert, then the same alert again when it gains evidence, nothing when
// nothing moved, and a triaged alert by id; and the engine tells its
// notifier after a pass that stored hits, not after an idle pass.
#include <gtest/gtest.h>

#include "alerts/alert_engine.h"
#include "alerts/alert_notifier.h"
#include "control/alert_admin.h"
#include "control/alert_watch.h"
#include "control/data_dir.h"
#include "events/test_event.h"
#include "store/sqlite/test_store.h"

namespace esafety::control {
namespace {

using store::testing::StoreTest;

class AlertWatchTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    clock_.setUnix(kStartTime);
  }
  // One piece of evidence for user `user`'s self-harm episode, now.
  void hit(int64_t user, int64_t source_id) {
    alerts::AlertBatch batch;
    alerts::Hit h;
    h.subject.user_id = user;
    h.subject.user_name = "pupil" + std::to_string(user);
    h.subject.group = "KS2";
    h.category = "self-harm";
    h.level = 5;
    h.rule = "self-harm or suicide";
    h.evidence.source_id = source_id;
    h.evidence.event_id = source_id;
    h.evidence.time_ms = clock_.nowUnixMs();
    h.evidence.why = "matched the self-harm list";
    batch.hits.push_back(h);
    batch.cursor.events_through = source_id;
    ASSERT_TRUE(store_->applyAlertBatch(school_, batch).isOk());
  }
};

TEST_F(AlertWatchTest, ReportsNewAndChangedAlertsOnceEach) {
  hit(1, 1);  // there before the watch: not news
  AlertWatch watch(*store_, school_, clock_);
  ASSERT_TRUE(watch.prime().isOk());
  auto none = watch.changes({});
  ASSERT_TRUE(none.isOk());
  EXPECT_TRUE(none->empty());

  clock_.setUnix(kStartTime + 5);
  hit(2, 2);
  auto fresh = watch.changes({});
  ASSERT_TRUE(fresh.isOk());
  ASSERT_EQ(fresh->size(), 1u);
  EXPECT_EQ(fresh->front().subject.user_id, 2);
  EXPECT_TRUE(watch.changes({})->empty()) << "reported once";

  clock_.setUnix(kStartTime + 9);
  hit(1, 3);  // more evidence for the alert that was there first
  auto more = watch.changes({});
  ASSERT_TRUE(more.isOk());
  ASSERT_EQ(more->size(), 1u);
  EXPECT_EQ(more->front().subject.user_id, 1);
  EXPECT_EQ(more->front().evidence_count, 2);
}

TEST_F(AlertWatchTest, ATriagedAlertIsReportedByIdWhateverItsAge) {
  hit(1, 1);
  const int64_t id = store_->alerts(school_, {})->front().id;
  clock_.setUnix(kStartTime + 3 * 3600);  // out of the watch's window
  AlertWatch watch(*store_, school_, clock_);
  ASSERT_TRUE(watch.prime().isOk());
  auto sealer = openRecordsSealer(DataDir{dir_.path()}, *store_);
  ASSERT_TRUE(sealer.isOk()) << sealer.status().toString();
  AlertAdmin admin(*store_, school_, sealer->get(), nullptr);
  ASSERT_TRUE(admin.triage(id, "acknowledge", "looking", "dsl").isOk());
  EXPECT_TRUE(watch.changes({})->empty()) << "too old to be looked at without its id";
  auto triaged = watch.changes({id, 999});
  ASSERT_TRUE(triaged.isOk());
  ASSERT_EQ(triaged->size(), 1u) << "999 does not exist";
  EXPECT_EQ(triaged->front().state, alerts::AlertState::kAcknowledged);
}

// A feed with one self-harm search in it.
class OneSearch final : public alerts::EventFeed {
 public:
  Result<std::vector<alerts::FeedEvent>> after(int64_t after_id, int) override {
    if (after_id >= 1) return std::vector<alerts::FeedEvent>{};
    events::Event e = events::testEvent(4);
    e.school = 1;
    e.user_id = 4;
    e.group.assign("KS2");
    e.search_terms.assign("how to hurt myself");
    e.tags.assign("self-harm");
    e.category.assign("");
    e.scores.assign("");
    return std::vector<alerts::FeedEvent>{{1, e}};
  }
  Result<std::optional<alerts::FeedEvent>> byReference(int64_t, uint64_t) override {
    return std::optional<alerts::FeedEvent>();
  }
};

TEST_F(AlertWatchTest, TheEngineTellsItsNotifierAfterStoringHits) {
  alerts::AlertNotifier notifier;
  int told = 0;
  const int64_t listener = notifier.listen([&](const std::vector<int64_t>& ids) {
    EXPECT_TRUE(ids.empty());
    ++told;
  });
  OneSearch feed;
  alerts::AlertEngine engine(*store_, *store_, feed, {.school = school_, .notifier = &notifier});
  auto first = engine.runOnce();
  ASSERT_TRUE(first.isOk());
  EXPECT_EQ(first->new_alerts, 1);
  EXPECT_EQ(told, 1);
  ASSERT_TRUE(engine.runOnce().isOk());  // nothing new: no notice
  EXPECT_EQ(told, 1);
  notifier.stopListening(listener);
  notifier.notify({});
  EXPECT_EQ(told, 1) << "no callback after stopListening";
  EXPECT_EQ(notifier.notices(), 2u);
}

}  // namespace
}  // namespace esafety::control
