// The rule engine over a real SQLite store and an event feed in memory: the
// episode grouping, the cursor, a flood, rules that do not parse, and the
// AlertAdmin service the CLI and the console share.
#include <gtest/gtest.h>

#include <chrono>

#include "alerts/alert_engine.h"
#include "control/alert_admin.h"
#include "events/test_event.h"
#include "store/sqlite/test_store.h"

namespace esafety::control {
namespace {

using store::testing::StoreTest;

// The event log, in memory.
class MemoryFeed final : public alerts::EventFeed {
 public:
  Result<std::vector<alerts::FeedEvent>> after(int64_t after_id, int limit) override {
    ++reads;
    std::vector<alerts::FeedEvent> out;
    for (size_t i = static_cast<size_t>(after_id); i < log.size() && out.size() < static_cast<size_t>(limit); ++i) {
      out.push_back({static_cast<int64_t>(i) + 1, log[i]});
    }
    return out;
  }
  Result<std::optional<alerts::FeedEvent>> byReference(int64_t, uint64_t reference) override {
    for (size_t i = 0; i < log.size(); ++i) {
      if (log[i].reference == reference) return std::optional<alerts::FeedEvent>({static_cast<int64_t>(i) + 1, log[i]});
    }
    return std::optional<alerts::FeedEvent>();
  }
  void add(events::Event e) { log.push_back(e); }
  std::vector<events::Event> log;
  int reads = 0;
};

// A search on the self-harm list; blocked ones also count towards the
// repeated-blocks rule.
events::Event selfHarmSearch(int64_t user, std::string_view group, int64_t time_ms,
                             bool blocked = false) {
  events::Event e = events::testEvent(user);
  e.school = 1;
  e.user_id = user;
  e.user_name.assign("pupil" + std::to_string(user));
  e.group.assign(group);
  e.search_terms.assign("how to hurt myself");
  e.tags.assign("self-harm");
  e.verdict = blocked ? policy::Verdict::kBlock : policy::Verdict::kAllow;
  e.category.assign("");
  e.scores.assign("");
  e.time_ms = time_ms;
  return e;
}

class AlertEngineTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_EQ(school_, policy::kDefaultSchool);
  }
  alerts::AlertEngine engine(int batch = 500) {
    return alerts::AlertEngine(*store_, *store_, feed_, {.school = school_, .batch = batch});
  }
  // Runs passes until the feed is read.
  void drain(alerts::AlertEngine& e) {
    for (int i = 0; i < 10000; ++i) {
      auto pass = e.runOnce();
      ASSERT_TRUE(pass.isOk()) << pass.status().toString();
      if (pass->events_read == 0 && pass->presses_read == 0) return;
    }
    FAIL() << "the engine never caught up";
  }
  static constexpr int64_t kT = 1772530200000;
  MemoryFeed feed_;
};

TEST_F(AlertEngineTest, TwentySearchesAreOneAlertWithTwentyPiecesOfEvidence) {
  for (int i = 0; i < 20; ++i) feed_.add(selfHarmSearch(5, "KS2", kT + i * 1000));
  feed_.add(selfHarmSearch(6, "KS1", kT));
  auto e = engine(7);  // several passes
  drain(e);
  auto all = store_->alerts(school_, {});
  ASSERT_TRUE(all.isOk());
  ASSERT_EQ(all->size(), 2u);
  const auto& ks2 = (*all)[0].subject.user_id == 5 ? (*all)[0] : (*all)[1];
  EXPECT_EQ(ks2.evidence_count, 20);
  EXPECT_EQ(ks2.level, 5);
  EXPECT_EQ(ks2.category, "self-harm");
  EXPECT_EQ(store_->alertCursor(school_)->events_through, 21);
}

TEST_F(AlertEngineTest, AFloodOf100000EventsIsOneAlertWithCappedEvidence) {
  for (int i = 0; i < 100000; ++i) feed_.add(selfHarmSearch(9, "KS2", kT + i * 10, /*blocked=*/true));
  auto e = engine();
  const auto started = std::chrono::steady_clock::now();
  drain(e);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  auto all = store_->alerts(school_, {});
  ASSERT_TRUE(all.isOk());
  // One self-harm alert, and the repeated-blocks rule's one alert.
  ASSERT_EQ(all->size(), 2u);
  for (const auto& a : *all) {
    auto detail = store_->alert(school_, a.id);
    ASSERT_TRUE(detail.isOk());
    EXPECT_EQ((*detail)->evidence.size(), 50u) << a.category;
  }
  const auto& self_harm = (*all)[0].category == "self-harm" ? (*all)[0] : (*all)[1];
  EXPECT_EQ(self_harm.evidence_count, 100000);
  auto audit = store_->audit(school_, 10);
  int raised = 0;
  for (const auto& row : *audit) raised += row.action == "alert.raise";
  EXPECT_EQ(raised, 2);
  std::printf("100,000 matching events through the engine and the store in %.2f s\n", seconds);
}

TEST_F(AlertEngineTest, TheCursorMakesARestartCarryOnWithoutRepeating) {
  for (int i = 0; i < 30; ++i) feed_.add(selfHarmSearch(5, "KS2", kT + i * 1000));
  {
    auto first = engine(10);
    ASSERT_TRUE(first.runOnce().isOk());  // one batch of 10, then "crash"
  }
  auto second = engine(10);  // a new engine starts at the stored cursor
  drain(second);
  auto all = store_->alerts(school_, {});
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().evidence_count, 30);
}

TEST_F(AlertEngineTest, AFailedWriteLeavesTheCursorAndTheBatchIsReadAgain) {
  for (int i = 0; i < 5; ++i) feed_.add(selfHarmSearch(5, "KS2", kT + i * 1000));
  {
    // Another connection holds the write lock: the pass fails, nothing moves.
    store::testing::RawDb raw(dbPath());
    ASSERT_EQ(raw.exec("BEGIN IMMEDIATE"), 0);
    store_.reset();
    store::SqliteStoreOptions options;
    options.busy_timeout_ms = 50;
    auto reopened = store::openSqliteStore(dbPath(), clock_, options);
    ASSERT_TRUE(reopened.isOk());
    store_ = std::move(*reopened);
    alerts::AlertEngine blocked(*store_, *store_, feed_, {.school = school_});
    EXPECT_FALSE(blocked.runOnce().isOk());
    EXPECT_EQ(raw.exec("ROLLBACK"), 0);
  }
  alerts::AlertEngine again(*store_, *store_, feed_, {.school = school_});
  drain(again);
  auto all = store_->alerts(school_, {});
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().evidence_count, 5);
}

TEST_F(AlertEngineTest, RulesThatDoNotParseAreRefusedAndTheOldOnesKeepRunning) {
  AlertAdmin admin(*store_, school_, nullptr, nullptr);
  auto refused = admin.setRules("[[rule]]\nname = \"x\"\nmatch = \"tag\"\ntags = [\"a\"]\nlevel = 0\n",
                                "dsl", "tuning");
  ASSERT_FALSE(refused.isOk());
  EXPECT_EQ(refused.status().message(), "rules: line 5: level must be a whole number from 1 to 5");
  EXPECT_FALSE(store_->alertRules(school_)->has_value());  // nothing stored

  // Even a broken version in the database (written behind the service's
  // back) leaves the engine on the rules it had.
  auto e = engine();
  feed_.add(selfHarmSearch(5, "KS2", kT));
  drain(e);
  ASSERT_TRUE(store_->setAlertRules(school_, "not = [valid", "dsl", "by hand").isOk());
  feed_.add(selfHarmSearch(6, "KS2", kT));
  drain(e);
  EXPECT_EQ(store_->alerts(school_, {})->size(), 2u);

  // Rules that parse take over at the next pass.
  ASSERT_TRUE(admin.setRules("[[rule]]\nname = \"only bullying\"\nmatch = \"tag\"\n"
                             "tags = [\"bullying\"]\nlevel = 2\n", "dsl", "tuning").isOk());
  feed_.add(selfHarmSearch(7, "KS2", kT));
  drain(e);
  EXPECT_EQ(store_->alerts(school_, {})->size(), 2u);
  EXPECT_GT(e.rulesVersion(), 0);
}

TEST_F(AlertEngineTest, ATellTeacherPressRaisesAnAlertAboutTheBlockedPupil) {
  events::Event blocked = selfHarmSearch(5, "KS1", kT);
  blocked.tags.assign("");
  blocked.reference = 4242;
  feed_.add(blocked);
  ASSERT_TRUE(store_->addInboxRequest(school_, {.kind = "tell-teacher", .reference = 4242,
                                                .client_ip = "10.0.0.5"}).isOk());
  auto e = engine();
  drain(e);
  alerts::AlertFilter f;
  f.category = "tell-teacher";
  auto all = store_->alerts(school_, f);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().subject.user_name, "pupil5");
  EXPECT_EQ(store_->alertCursor(school_)->inbox_through, 1);
}

// The press is stored at once, its blocked request with the writer's next
// batch: the engine waits a few seconds for the event so the alert names
// the pupil, then gives up and names the address.
TEST_F(AlertEngineTest, APressWaitsBrieflyForItsBlockedRequest) {
  clock_.setUnix(kT / 1000);
  ASSERT_TRUE(store_->addInboxRequest(school_, {.kind = "tell-teacher", .reference = 77,
                                                .client_ip = "10.0.0.5"}).isOk());
  alerts::AlertEngine e(*store_, *store_, feed_, {.school = school_, .clock = &clock_});
  ASSERT_TRUE(e.runOnce().isOk());
  EXPECT_TRUE(store_->alerts(school_, {})->empty());
  EXPECT_EQ(store_->alertCursor(school_)->inbox_through, 0);
  events::Event blocked = selfHarmSearch(5, "KS1", kT);
  blocked.tags.assign("");
  blocked.search_terms.assign("");
  blocked.reference = 77;
  feed_.add(blocked);
  ASSERT_TRUE(e.runOnce().isOk());
  auto all = store_->alerts(school_, {});
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().subject.user_name, "pupil5");

  ASSERT_TRUE(store_->addInboxRequest(school_, {.kind = "tell-teacher", .reference = 78,
                                                .client_ip = "10.0.0.6"}).isOk());
  ASSERT_TRUE(e.runOnce().isOk());
  EXPECT_EQ(store_->alerts(school_, {})->size(), 1u);
  clock_.setUnix(kT / 1000 + 11);
  ASSERT_TRUE(e.runOnce().isOk());
  alerts::AlertFilter f;
  f.person = "";
  all = store_->alerts(school_, f);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(store_->alertCursor(school_)->inbox_through, 2);
}

TEST_F(AlertEngineTest, TheServiceShowsEvidenceAndOpensNotes) {
  feed_.add(selfHarmSearch(5, "KS2", kT));
  auto e = engine();
  drain(e);
  const int64_t id = store_->alerts(school_, {})->front().id;
  auto sealer = openRecordsSealer(DataDir{dir_.path()}, *store_);
  ASSERT_TRUE(sealer.isOk()) << sealer.status().toString();
  AlertAdmin admin(*store_, school_, sealer->get(), nullptr);
  EXPECT_EQ(admin.triage(id, "ack", "x", "dsl").status().code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(admin.triage(id, "acknowledge", "seen it", "dsl").isOk());
  ASSERT_TRUE(admin.triage(id, "no-concern", "a project on feelings", "dsl").isOk());
  auto view = admin.show(id);
  ASSERT_TRUE(view.isOk());
  ASSERT_EQ(view->actions.size(), 2u);
  EXPECT_EQ(view->actions[1].note, "a project on feelings");
  EXPECT_EQ(view->alert.state, alerts::AlertState::kNoConcern);
  EXPECT_EQ(admin.show(999).status().code(), StatusCode::kNotFound);
  // Without the sealer, the service says the notes are sealed rather than failing.
  AlertAdmin sealed(*store_, school_, nullptr, nullptr);
  auto unopened = sealed.show(id);
  ASSERT_TRUE(unopened.isOk());
  EXPECT_TRUE(unopened->actions[1].note.empty());
  EXPECT_FALSE(unopened->actions[1].note_error.empty());
}

}  // namespace
}  // namespace esafety::control
