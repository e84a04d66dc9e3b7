// The mail outbox's control side: the retry schedule (driven through the
// Clock seam), the mail settings' checks, the sender over a real store with a
// fake relay, and the alert mail's words, which must never carry more than
// the level, the school and the link.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <type_traits>

#include "control/alert_mail.h"
#include "control/mail_admin.h"
#include "control/mail_backoff.h"
#include "control/mail_sender.h"
#include "control/mail_settings.h"
#include "control/smtp_transport.h"
#include "store/sqlite/test_store.h"

namespace esafety::control {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::esafety::testing::statusOf;
using store::testing::StoreTest;

TEST(MailBackoff, ThirtySecondsDoublingToThirtyMinutes) {
  const int64_t want[] = {30, 60, 120, 240, 480, 960, 1800, 1800, 1800};
  for (int failures = 1; failures <= 9; ++failures) {
    EXPECT_EQ(mailRetryDelaySeconds(failures), want[failures - 1]) << failures;
  }
  EXPECT_EQ(mailRetryDelaySeconds(0), 30);
  EXPECT_EQ(mailRetryDelaySeconds(1000000), 1800);
}

TEST(MailSettingsCheck, EachRefusalNamesTheField) {
  MailSettings s;
  EXPECT_THAT(applyMailSetting(s, "mail.smtp_port", "70000").message(), HasSubstr("mail.smtp_port"));
  EXPECT_THAT(applyMailSetting(s, "mail.smtp_port", "25x").message(), HasSubstr("1 to 65535"));
  EXPECT_THAT(applyMailSetting(s, "mail.security", "ssl").message(), HasSubstr("mail.security"));
  EXPECT_THAT(applyMailSetting(s, "mail.smtp_host", "smtp school").message(),
              HasSubstr("mail.smtp_host"));
  EXPECT_THAT(applyMailSetting(s, "mail.smtp_host", "smtp.x/../").message(), HasSubstr("mail.smtp_host"));
  EXPECT_THAT(applyMailSetting(s, "mail.from", "esafety").message(), HasSubstr("mail.from"));
  EXPECT_THAT(applyMailSetting(s, "mail.public_url", "esafety.school.example").message(),
              HasSubstr("mail.public_url"));
  EXPECT_THAT(applyMailSetting(s, "mail.school_name", "Hill\r\nBcc: x@evil.example").message(),
              HasSubstr("mail.school_name"));
  EXPECT_THAT(applyMailSetting(s, "mail.ca_file", "certs/ca.pem").message(), HasSubstr("mail.ca_file"));
  EXPECT_THAT(applyMailSetting(s, "mail.colour", "blue").message(), HasSubstr("not a mail setting"));

  ESAFETY_EXPECT_OK(applyMailSetting(s, "mail.smtp_host", "smtp.school.example"));
  ESAFETY_EXPECT_OK(applyMailSetting(s, "mail.security", "TLS"));
  EXPECT_EQ(s.port(), 465);
  ESAFETY_EXPECT_OK(applyMailSetting(s, "mail.public_url", "https://esafety.school.example/"));
  EXPECT_EQ(s.public_url, "https://esafety.school.example");
}

TEST(MailSettingsCheck, NoTlsOnlyForALoopbackRelay) {
  MailSettings s;
  ESAFETY_ASSERT_OK(applyMailSetting(s, "mail.security", "none"));
  ESAFETY_ASSERT_OK(applyMailSetting(s, "mail.smtp_host", "smtp.school.example"));
  EXPECT_THAT(checkMailSettings(s).message(), HasSubstr("only for a relay on this machine"));
  for (const char* host : {"127.0.0.1", "127.8.9.10", "localhost", "::1"}) {
    s.smtp_host = host;
    EXPECT_TRUE(checkMailSettings(s).isOk()) << host;
  }
  s.smtp_host = "128.0.0.1";
  EXPECT_FALSE(checkMailSettings(s).isOk());
}

// The mail's words: exactly the level, the school and the link, whatever
// else the caller has. The function cannot be handed a child's name or
// evidence: its parameters are these four and no others.
TEST(AlertMail, SaysTheLevelTheSchoolAndTheLinkAndNothingElse) {
  static_assert(std::is_same_v<decltype(&renderAlertMail),
                               AlertMailText (*)(std::string_view, std::string_view, int, int64_t)>);
  AlertMailText text = renderAlertMail("Hillside Primary", "https://esafety.hillside.example/", 4, 42);
  EXPECT_EQ(text.subject, "esafety: an alert of level 4 for Hillside Primary");
  EXPECT_EQ(text.body,
            "There is an alert of level 4 for Hillside Primary.\n\n"
            "Open it on the esafety console:\nhttps://esafety.hillside.example/alerts/42\n\n"
            "This mail says no more on purpose: who and what are on the console, after you sign "
            "in.\n");
  // The only variable parts are those four inputs: the rest is fixed text.
  AlertMailText other = renderAlertMail("X", "https://y.example", 5, 7);
  EXPECT_EQ(other.body,
            "There is an alert of level 5 for X.\n\nOpen it on the esafety console:\n"
            "https://y.example/alerts/7\n\nThis mail says no more on purpose: who and what are on "
            "the console, after you sign in.\n");
  EXPECT_EQ(renderAlertMail("X", "", 9, 7).subject, "esafety: an alert of level 5 for X");
  EXPECT_THAT(renderAlertMail("X", "", 3, 7).body, HasSubstr("Alerts, alert 7."));
  // A school name cannot add a header line.
  EXPECT_THAT(renderAlertMail("X\r\nBcc: a@evil.example", "", 3, 7).subject, Not(HasSubstr("\n")));
}

TEST(MailMessage, IsOneRfc5322MessageWithCrlfAndAnEncodedSubject) {
  MailSettings s;
  s.from = "esafety@hillside.example";
  s.school_name = "Hillside";
  store::OutboxMail m;
  m.id = 9;
  m.school = 1;
  m.recipients = {"dsl@hillside.example", "head@hillside.example"};
  m.subject = "esafety: Ysgol Gŵyr";
  m.body = "line one\nline two";
  const std::string text = formatMailMessage(s, m, 1772530200);
  EXPECT_THAT(text, HasSubstr("Date: Tue, 03 Mar 2026 09:30:00 +0000\r\n"));
  EXPECT_THAT(text, HasSubstr("To: dsl@hillside.example, head@hillside.example\r\n"));
  EXPECT_THAT(text, HasSubstr("Subject: =?UTF-8?B?"));
  EXPECT_THAT(text, HasSubstr("Message-ID: <esafety.1.9."));
  EXPECT_THAT(text, HasSubstr("\r\n\r\nline one\r\nline two\r\n"));
}

// A relay that fails as told, counting what it was handed.
class FakeRelay final : public MailTransport {
 public:
  Status send(const MailSettings& settings, const store::OutboxMail& mail, int64_t) override {
    ++tries;
    last_host = settings.smtp_host;
    if (down) return {StatusCode::kUnavailable, "Couldn't connect to server"};
    delivered.push_back(mail.subject);
    return Status::ok();
  }
  bool down = false;
  int tries = 0;
  std::string last_host;
  std::vector<std::string> delivered;
};

class MailSenderTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    clock_.setUnix(kStartTime);
    MailAdmin admin(*store_, school_, clock_);
    ESAFETY_ASSERT_OK(admin.changeSettings({{"mail.smtp_host", "127.0.0.1"},
                                            {"mail.security", "none"},
                                            {"mail.from", "esafety@school.example"},
                                            {"mail.public_url", "https://esafety.school.example"}},
                                           "it.technician"));
  }
  int64_t queueAlert(int64_t alert) {
    MailAdmin admin(*store_, school_, clock_);
    auto id = admin.queueAlertMail({.level = 4, .alert_id = alert, .recipients = {"dsl@school.example"},
                                    .dedupe_key = fmt::format("alert:{}", alert)});
    EXPECT_TRUE(id) << id.status().toString();
    return id ? *id : 0;
  }
  store::OutboxMail row(int64_t id) { return store_->outboxMail(school_, id)->value(); }

  FakeRelay relay_;
};

TEST_F(MailSenderTest, AFailedMailStaysAndIsRetriedOnTheBackOffSchedule) {
  MailSender sender(*store_, relay_, clock_);
  const int64_t id = queueAlert(42);
  relay_.down = true;
  ASSERT_EQ(sender.sendDue()->failed, 1);
  EXPECT_EQ(row(id).last_error, "Couldn't connect to server");
  EXPECT_EQ(row(id).next_attempt_at, kStartTime + 30);
  // Nothing is tried before the next try is due.
  clock_.setUnix(kStartTime + 29);
  EXPECT_EQ(sender.sendDue()->failed, 0);
  EXPECT_EQ(relay_.tries, 1);
  clock_.setUnix(kStartTime + 30);
  ASSERT_EQ(sender.sendDue()->failed, 1);
  EXPECT_EQ(row(id).next_attempt_at, kStartTime + 30 + 60);
  EXPECT_EQ(row(id).attempts, 2);
  // The relay comes back: the mail goes once, and is not sent again.
  relay_.down = false;
  clock_.setUnix(kStartTime + 90);
  EXPECT_EQ(sender.sendDue()->sent, 1);
  clock_.setUnix(kStartTime + 5000);
  EXPECT_EQ(sender.sendDue()->sent, 0);
  ASSERT_EQ(relay_.delivered.size(), 1u);
  EXPECT_THAT(relay_.delivered.front(), HasSubstr("an alert of level 4"));
  EXPECT_EQ(row(id).state, store::MailState::kSent);
}

TEST_F(MailSenderTest, MailThatIsNotSetUpIsKeptWithTheReason) {
  ESAFETY_ASSERT_OK(store_->setSetting(school_, "mail.smtp_host", "", "it.technician"));
  MailSender sender(*store_, relay_, clock_);
  const int64_t id = queueAlert(7);
  ASSERT_EQ(sender.sendDue()->failed, 1);
  EXPECT_EQ(relay_.tries, 0);
  EXPECT_THAT(row(id).last_error, HasSubstr("mail.smtp_host"));
  // Setting the relay makes the waiting mail due at once.
  MailAdmin admin(*store_, school_, clock_);
  ESAFETY_ASSERT_OK(admin.changeSettings({{"mail.smtp_host", "127.0.0.2"}}, "it.technician"));
  EXPECT_EQ(sender.sendDue()->sent, 1);
  EXPECT_EQ(relay_.last_host, "127.0.0.2");
}

TEST_F(MailSenderTest, SettingsRefusedAsAWholeStoreNothing) {
  MailAdmin admin(*store_, school_, clock_);
  Status s = admin.changeSettings({{"mail.smtp_host", "smtp.school.example"}}, "it.technician");
  EXPECT_THAT(s.message(), HasSubstr("mail.security"));
  EXPECT_EQ(*store_->setting(school_, "mail.smtp_host"), "127.0.0.1");
  // The password is stored but never shown.
  ESAFETY_ASSERT_OK(admin.changeSettings({{"mail.password", "s3cret"}}, "it.technician"));
  auto view = admin.settings();
  ESAFETY_ASSERT_OK(view);
  EXPECT_TRUE(view->password_set);
  EXPECT_EQ(view->settings.password, "");
}

TEST_F(MailSenderTest, ATestMailNeedsARealAddressAndIsAudited) {
  MailAdmin admin(*store_, school_, clock_);
  EXPECT_THAT(statusOf(admin.queueTestMail("dsl", "it.technician")).message(),
              HasSubstr("not a mail address"));
  auto id = admin.queueTestMail("dsl@school.example", "it.technician");
  ESAFETY_ASSERT_OK(id);
  auto audit = store_->audit(school_, 1);
  EXPECT_EQ(audit->front().action, "mail.test");
  EXPECT_EQ(audit->front().actor, "it.technician");
  // Mail's own audit rows do not reload the policy.
  auto newest = store_->newestPolicyAuditId(school_);
  EXPECT_NE(*newest, audit->front().id);
}

// A relay that holds the mail until it is told to give up, as a relay that
// has stopped answering does.
class StuckRelay final : public MailTransport {
 public:
  Status send(const MailSettings&, const store::OutboxMail&, int64_t) override {
    started.store(true);
    while (!aborted.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return {StatusCode::kUnavailable, "esafety stopped while sending it"};
  }
  std::atomic<bool> started{false};
  std::atomic<bool> aborted{false};
};

bool eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

TEST_F(MailSenderTest, TheThreadSendsWhatIsQueuedWhileItRuns) {
  MailSender sender(*store_, relay_, clock_, std::chrono::milliseconds(10));
  sender.start();
  const int64_t id = queueAlert(1);
  EXPECT_TRUE(eventually([&] { return row(id).state == store::MailState::kSent; }));
  sender.stop();
  EXPECT_EQ(relay_.tries, 1);
}

TEST_F(MailSenderTest, StoppingMidSendKeepsTheMailAndTheNextStartSendsIt) {
  StuckRelay stuck;
  const int64_t id = queueAlert(2);
  {
    MailSender sender(*store_, stuck, clock_, std::chrono::milliseconds(10));
    sender.setAbort([&stuck] { stuck.aborted.store(true); });
    sender.start();
    ASSERT_TRUE(eventually([&] { return stuck.started.load(); }));
    sender.stop();
  }
  EXPECT_EQ(row(id).state, store::MailState::kQueued);
  EXPECT_EQ(row(id).last_error, "esafety stopped while sending it");
  // A mail left 'sending' by a process that died is sent at the next start.
  ASSERT_EQ(store_->claimDueMail(kStartTime + 3600, 10)->size(), 1u);
  MailSender next(*store_, relay_, clock_, std::chrono::milliseconds(10));
  next.start();
  EXPECT_TRUE(eventually([&] { return row(id).state == store::MailState::kSent; }));
  next.stop();
  EXPECT_EQ(relay_.delivered.size(), 1u);
}

}  // namespace
}  // namespace esafety::control
