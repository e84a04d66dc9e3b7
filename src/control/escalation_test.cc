// Reaching a person (issue 14): the rota's text and checks, the escalation
// rule (in and out of school hours, rung order, timing through the Clock
// seam), and the notifier over a real store: the first rung's mail, the
// next rung when nobody acknowledges in time, a rung with nobody, a rota
// with nobody at all, acknowledging that stops it, and a restart that
// mails nobody twice.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "control/alert_escalator.h"
#include "control/alert_rota.h"
#include "control/escalation_plan.h"
#include "control/mail_admin.h"
#include "control/rota.h"
#include "records/sealer.h"
#include "store/sqlite/test_store.h"

namespace esafety::control {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using alerts::EscalationStep;
using store::testing::RawDb;
using store::testing::StoreTest;

LocalTime at(const char* text) { return LocalTime::parse(text).value(); }

TEST(Rota, TheDefaultsAreThePolicysOrderAndHours) {
  Rota rota;
  EXPECT_EQ(rotaFieldText(rota, "in_hours"), "role:dsl, role:deputy_dsl, role:head, role:governor");
  EXPECT_EQ(rota.hours.daysText(), "Mon-Fri");
  EXPECT_EQ(rota.hours.hoursText(), "08:00-16:30");
  EXPECT_EQ(rota.ack_minutes_in_hours, 15);
  EXPECT_EQ(rota.ack_minutes_out_of_hours, 30);
  EXPECT_EQ(rota.mail_level, 3);
  // Tuesday 08:00 is in; 16:30, 07:59 and Saturday are out.
  EXPECT_TRUE(rota.hours.contains(at("2026-03-03 08:00")));
  EXPECT_TRUE(rota.hours.contains(at("2026-03-03 16:29")));
  EXPECT_FALSE(rota.hours.contains(at("2026-03-03 16:30")));
  EXPECT_FALSE(rota.hours.contains(at("2026-03-03 07:59")));
  EXPECT_FALSE(rota.hours.contains(at("2026-03-07 10:00")));
}

TEST(Rota, TextRoundTripsAndBadValuesNameTheirField) {
  Rota rota;
  ESAFETY_ASSERT_OK(applyRotaField(rota, "out_of_hours", "person:Head@School.example, role:dsl"));
  ESAFETY_ASSERT_OK(applyRotaField(rota, "days", "Mon,Tue,Thu-Sat"));
  ESAFETY_ASSERT_OK(applyRotaField(rota, "hours", "07:45-17:00"));
  ESAFETY_ASSERT_OK(applyRotaField(rota, "mail_level", "4"));
  EXPECT_FALSE(rota.teachers_see_own_class);
  ESAFETY_ASSERT_OK(applyRotaField(rota, "teachers_see_own_class", "yes"));
  EXPECT_TRUE(rota.teachers_see_own_class);
  EXPECT_EQ(rota.hours.daysText(), "Mon,Tue,Thu-Sat");
  auto again = parseRota(formatRota(rota));
  ESAFETY_ASSERT_OK(again);
  EXPECT_EQ(*again, rota);

  Rota r;
  EXPECT_THAT(applyRotaField(r, "in_hours", "role:cook").message(), HasSubstr("in_hours: 'cook'"));
  EXPECT_THAT(applyRotaField(r, "in_hours", "role:pupil").message(), HasSubstr("not a staff role"));
  EXPECT_THAT(applyRotaField(r, "in_hours", "").message(), HasSubstr("in_hours: name at least one"));
  EXPECT_THAT(applyRotaField(r, "in_hours", "role:dsl, role:dsl").message(), HasSubstr("twice"));
  EXPECT_THAT(applyRotaField(r, "out_of_hours", "dsl").message(), HasSubstr("out_of_hours:"));
  EXPECT_THAT(applyRotaField(r, "hours", "8-16").message(), HasSubstr("hours: '8-16' is not HH:MM"));
  EXPECT_THAT(applyRotaField(r, "hours", "16:30-08:00").message(), HasSubstr("ends before"));
  EXPECT_THAT(applyRotaField(r, "days", "Mon-Funday").message(), HasSubstr("days: 'Funday'"));
  EXPECT_THAT(applyRotaField(r, "ack_minutes_in_hours", "0").message(),
              HasSubstr("ack_minutes_in_hours: give a whole number from 1 to 1440"));
  EXPECT_THAT(applyRotaField(r, "mail_level", "6").message(), HasSubstr("mail_level"));
  EXPECT_THAT(applyRotaField(r, "teachers_see_own_class", "maybe").message(),
              HasSubstr("teachers_see_own_class: 'maybe' is not yes or no"));
  EXPECT_THAT(applyRotaField(r, "colour", "blue").message(), HasSubstr("not a rota field"));
  EXPECT_EQ(r, Rota{});  // nothing refused changed anything
  EXPECT_THAT(parseRota("mail_level = 3\nhours = 9").status().message(), HasSubstr("line 2: hours:"));
}

alerts::WaitingAlert waiting(int level, std::optional<EscalationStep> last = std::nullopt) {
  return {.alert_id = 7, .level = level, .created_at = 0, .last_step = std::move(last)};
}

EscalationStep stepAt(int rung, const char* rota, int64_t when) {
  return {.alert_id = 7, .rung = rung, .rota = rota, .target = "role:dsl",
          .addresses = {"a@school.example"}, .at = when};
}

TEST(EscalationPlan, ANewAlertGoesToRungZeroOfTheRotaForTheTimeItIsSeen) {
  Rota rota;
  EXPECT_EQ(nextRung(rota, waiting(3), 0, at("2026-03-03 10:00")), (NextRung{RotaKind::kInHours, 0}));
  EXPECT_EQ(nextRung(rota, waiting(5), 0, at("2026-03-03 21:00")), (NextRung{RotaKind::kOutOfHours, 0}));
  EXPECT_EQ(nextRung(rota, waiting(5), 0, at("2026-03-08 10:00")), (NextRung{RotaKind::kOutOfHours, 0}));
}

TEST(EscalationPlan, OnlyLevelsFourAndFiveClimbAndOnlyOnceTheAckTimeHasPassed) {
  Rota rota;
  const int64_t t = 1000000;
  const LocalTime school = at("2026-03-03 10:00");
  // Level 3 is mailed once and no more.
  EXPECT_FALSE(nextRung(rota, waiting(3, stepAt(0, "in_hours", t)), t + 86400, school));
  // Level 4: 15 minutes in hours, to the second.
  EXPECT_FALSE(nextRung(rota, waiting(4, stepAt(0, "in_hours", t)), t + 15 * 60 - 1, school));
  EXPECT_EQ(nextRung(rota, waiting(4, stepAt(0, "in_hours", t)), t + 15 * 60, school),
            (NextRung{RotaKind::kInHours, 1}));
  // Out of hours: 30 minutes, and it stays on the rota it began on even when
  // the school day starts meanwhile.
  EXPECT_FALSE(nextRung(rota, waiting(5, stepAt(1, "out_of_hours", t)), t + 29 * 60, school));
  EXPECT_EQ(nextRung(rota, waiting(5, stepAt(1, "out_of_hours", t)), t + 30 * 60, school),
            (NextRung{RotaKind::kOutOfHours, 2}));
  // Past the last rung (the chair of governors), nothing more.
  EXPECT_FALSE(nextRung(rota, waiting(5, stepAt(3, "in_hours", t)), t + 86400, school));
  // After "nobody", nothing more.
  EscalationStep nobody = stepAt(4, "in_hours", t);
  nobody.outcome = EscalationStep::Outcome::kNobody;
  EXPECT_FALSE(nextRung(rota, waiting(5, nobody), t + 86400, school));
}

class NotifierTest : public StoreTest {
 protected:
  static constexpr int64_t kT = 1772530200000;  // 2026-03-03 09:30 UTC, a Tuesday

  void SetUp() override {
    StoreTest::SetUp();
    clock_.setUnix(kStartTime);
    clock_.set(at("2026-03-03 09:30"));
    MailAdmin mail(*store_, school_, clock_);
    ESAFETY_ASSERT_OK(mail.changeSettings({{"mail.smtp_host", "127.0.0.1"},
                                           {"mail.security", "none"},
                                           {"mail.from", "esafety@school.example"}},
                                          "it.technician"));
  }
  int64_t addStaff(const std::string& login, identity::Role role, const std::string& email) {
    identity::Person p;
    p.kind = identity::PersonKind::kStaff;
    p.name = login;
    p.role = role;
    p.login = login;
    p.email = email;
    auto id = store_->addPerson(school_, p, "head");
    EXPECT_TRUE(id) << id.status().toString();
    return id ? *id : 0;
  }
  void addTheUsualStaff() {
    addStaff("dsl", identity::Role::kDsl, "dsl@school.example");
    addStaff("deputy", identity::Role::kDeputyDsl, "deputy@school.example");
    addStaff("head", identity::Role::kHead, "head@school.example");
    addStaff("chair", identity::Role::kGovernor, "chair@school.example");
  }
  int64_t raise(int level, int64_t user = 1) {
    alerts::AlertBatch batch;
    alerts::Hit h;
    h.subject.user_id = user;
    h.subject.user_name = "pupil";
    h.category = "self-harm";
    h.level = level;
    h.rule = "self-harm or suicide";
    h.evidence = {.source_id = user, .event_id = user, .time_ms = kT, .rule = h.rule, .why = "x"};
    batch.hits.push_back(h);
    batch.cursor.events_through = user;
    EXPECT_TRUE(store_->applyAlertBatch(school_, batch).isOk());
    return store_->alerts(school_, {.person = "pupil"})->front().id;
  }
  NotifyPass pass() {
    AlertEscalator notifier(*store_, clock_, {.school = school_});
    auto p = notifier.runOnce();
    EXPECT_TRUE(p) << p.status().toString();
    return p ? *p : NotifyPass{};
  }
  std::vector<EscalationStep> steps(int64_t alert) {
    return store_->escalationSteps(school_, alert).value();
  }
  // The recipients of every alert mail in the outbox, oldest first.
  std::vector<std::string> mailedTo() {
    std::vector<std::string> out;
    auto box = store_->outbox(school_, 0, 100).value();
    for (auto it = box.rbegin(); it != box.rend(); ++it) {
      if (it->kind == "alert") out.push_back(fmt::format("{}", fmt::join(it->recipients, ",")));
    }
    return out;
  }
  void later(int64_t seconds) { clock_.setUnix(clock_.nowUnix() + seconds); }
};

TEST_F(NotifierTest, ANewAlertMailsTheDslOnceAndOnlyTheLevel) {
  addTheUsualStaff();
  const int64_t id = raise(4);
  EXPECT_EQ(pass().mailed, 1);
  EXPECT_EQ(pass().mailed, 0);  // the next pass: nothing new
  EXPECT_THAT(mailedTo(), ElementsAre("dsl@school.example"));
  auto box = store_->outbox(school_, 0, 10).value();
  EXPECT_THAT(box.front().subject, HasSubstr("an alert of level 4"));
  EXPECT_THAT(box.front().body, Not(HasSubstr("pupil")));
  auto s = steps(id);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].rung, 0);
  EXPECT_EQ(s[0].target, "role:dsl");
  EXPECT_EQ(s[0].rota, "in_hours");
  EXPECT_EQ(s[0].outcome, EscalationStep::Outcome::kMailed);
  EXPECT_EQ(s[0].mail_id, box.front().id);
  EXPECT_EQ(store_->audit(school_, 1)->front().action, "alert.escalate");
}

TEST_F(NotifierTest, BelowTheMailLevelNobodyIsMailed) {
  addTheUsualStaff();
  raise(2);
  EXPECT_EQ(pass().mailed, 0);
  EXPECT_TRUE(mailedTo().empty());
}

TEST_F(NotifierTest, UnacknowledgedItClimbsTheRotaOneRungPerAckTime) {
  addTheUsualStaff();
  const int64_t id = raise(5);
  pass();
  later(14 * 60);
  EXPECT_EQ(pass().mailed, 0);
  later(60);  // 15 minutes: the deputy
  EXPECT_EQ(pass().mailed, 1);
  later(15 * 60);  // the head
  EXPECT_EQ(pass().mailed, 1);
  later(15 * 60);  // the chair of governors
  EXPECT_EQ(pass().mailed, 1);
  later(60 * 60);  // the top: no more
  EXPECT_EQ(pass().mailed, 0);
  EXPECT_THAT(mailedTo(), ElementsAre("dsl@school.example", "deputy@school.example",
                                      "head@school.example", "chair@school.example"));
  EXPECT_EQ(steps(id).size(), 4u);
}

TEST_F(NotifierTest, AcknowledgingStopsIt) {
  addTheUsualStaff();
  const int64_t id = raise(5);
  pass();
  auto sealer = records::openSealer(dir_.file("records.key"), *store_);
  ESAFETY_ASSERT_OK(sealer);
  ESAFETY_ASSERT_OK(store_->triageAlert(school_, id, alerts::TriageAction::kAcknowledge,
                                        "Looking now", **sealer, "dsl"));
  later(60 * 60);
  EXPECT_EQ(pass().mailed, 0);
  EXPECT_THAT(mailedTo(), ElementsAre("dsl@school.example"));
}

TEST_F(NotifierTest, ARungWithNobodyIsRecordedAndTheNextIsMailedAtOnce) {
  addStaff("dsl", identity::Role::kDsl, "dsl@school.example");
  addStaff("head", identity::Role::kHead, "head@school.example");  // no deputy
  const int64_t id = raise(4);
  pass();
  later(15 * 60);
  EXPECT_EQ(pass().mailed, 1);
  auto s = steps(id);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1].target, "role:deputy_dsl");
  EXPECT_EQ(s[1].outcome, EscalationStep::Outcome::kNoAddress);
  EXPECT_EQ(s[2].target, "role:head");
  EXPECT_EQ(s[2].outcome, EscalationStep::Outcome::kMailed);
  EXPECT_THAT(mailedTo(), ElementsAre("dsl@school.example", "head@school.example"));
}

TEST_F(NotifierTest, NobodyAtAllIsRecordedAndShownOnTheRota) {
  addStaff("dsl", identity::Role::kDsl, "");  // no address anywhere
  const int64_t id = raise(5);
  EXPECT_EQ(pass().nobody, 1);
  auto s = steps(id);
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s.back().outcome, EscalationStep::Outcome::kNobody);
  later(60 * 60);
  EXPECT_EQ(pass().nobody, 0);  // recorded once
  auto view = AlertRotaAdmin(*store_, school_, clock_).view();
  ESAFETY_ASSERT_OK(view);
  EXPECT_THAT(fmt::format("{}", fmt::join(view->warnings, "\n")),
              HasSubstr("in_hours: nobody on this rota has an email address"));
}

TEST_F(NotifierTest, OutOfHoursItUsesThatRotaAndItsTime) {
  addTheUsualStaff();
  AlertRotaAdmin admin(*store_, school_, clock_);
  ESAFETY_ASSERT_OK(admin.change({{"out_of_hours", "role:head, role:dsl"}}, "dsl", "Head on call"));
  clock_.set(at("2026-03-03 19:00"));
  const int64_t id = raise(5);
  pass();
  later(29 * 60);
  EXPECT_EQ(pass().mailed, 0);
  later(60);
  EXPECT_EQ(pass().mailed, 1);
  EXPECT_THAT(mailedTo(), ElementsAre("head@school.example", "dsl@school.example"));
  EXPECT_EQ(steps(id)[0].rota, "out_of_hours");
}

TEST_F(NotifierTest, ARestartNeverMailsARungTwice) {
  addTheUsualStaff();
  const int64_t id = raise(5);
  pass();
  // A crash after the mail was queued but before its step was stored: the
  // next notifier queues it again under the same key and gets the same mail.
  ASSERT_EQ(RawDb(dbPath()).exec(fmt::format("DELETE FROM alert_escalations WHERE alert_id = {}", id)),
            0);
  reopen();
  pass();
  EXPECT_THAT(mailedTo(), ElementsAre("dsl@school.example"));
  later(15 * 60);
  reopen();
  pass();
  pass();
  EXPECT_THAT(mailedTo(), ElementsAre("dsl@school.example", "deputy@school.example"));
}

// Old alerts nobody triaged never keep a new one from being mailed.
TEST_F(NotifierTest, ANewAlertIsMailedWhateverOldOnesFillThePass) {
  addTheUsualStaff();
  raise(3, 1);
  raise(3, 2);
  AlertEscalator notifier(*store_, clock_, {.school = school_, .batch = 2});
  EXPECT_EQ(notifier.runOnce()->mailed, 2);
  raise(3, 3);
  EXPECT_EQ(notifier.runOnce()->mailed, 1);
  EXPECT_EQ(mailedTo().size(), 3u);
}

TEST_F(NotifierTest, RotaChangesAreCheckedAndAuditedWithTheirReason) {
  AlertRotaAdmin admin(*store_, school_, clock_);
  EXPECT_THAT(admin.change({{"hours", "9 till 3"}}, "dsl", "Shorter day").status().message(),
              HasSubstr("hours:"));
  EXPECT_THAT(admin.change({{"hours", "09:00-15:00"}}, "dsl", "").status().message(),
              HasSubstr("reason"));
  auto version = admin.change({{"hours", "09:00-15:00"}, {"ack_minutes_in_hours", "10"}}, "dsl",
                              "Shorter day");
  ESAFETY_ASSERT_OK(version);
  auto view = admin.view();
  ESAFETY_ASSERT_OK(view);
  EXPECT_EQ(view->version, *version);
  EXPECT_EQ(view->rota.hours.hoursText(), "09:00-15:00");
  EXPECT_EQ(view->rota.ack_minutes_in_hours, 10);
  EXPECT_EQ(view->set_by, "dsl");
  auto audit = store_->audit(school_, 1);
  EXPECT_EQ(audit->front().action, "alert_rota.set");
  EXPECT_EQ(audit->front().reason, "Shorter day");
}

}  // namespace
}  // namespace esafety::control
