#include <gmock/gmock.h>
#include <gtest/gtest.h>

// The mail outbox: a mail leaves it only as sent; failures keep it with the
// error and the next try; a mail claimed by a sender that died is sent again.
#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

using ::testing::HasSubstr;

class MailOutboxTest : public StoreTest {
 protected:
  NewMail mail(std::string key = "") {
    return {.kind = "alert", .recipients = {"dsl@school.example", "head@school.example"},
            .subject = "esafety: an alert of level 4", .body = "There is an alert.",
            .dedupe_key = std::move(key)};
  }
};

TEST_F(MailOutboxTest, AMailIsClaimedOnceAndLeavesOnlyAsSent) {
  clock_.setUnix(kStartTime);
  auto id = store_->enqueueMail(school_, mail());
  ESAFETY_ASSERT_OK(id);
  auto due = store_->claimDueMail(kStartTime, 10);
  ESAFETY_ASSERT_OK(due);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->front().recipients,
            (std::vector<std::string>{"dsl@school.example", "head@school.example"}));
  EXPECT_EQ(due->front().state, MailState::kSending);
  // Claimed: a second sweep does not take it again.
  auto again = store_->claimDueMail(kStartTime + 60, 10);
  ESAFETY_ASSERT_OK(again);
  EXPECT_TRUE(again->empty());

  ESAFETY_ASSERT_OK(store_->markMailFailed(*id, "Couldn't connect to server", kStartTime + 30));
  auto row = store_->outboxMail(school_, *id);
  ESAFETY_ASSERT_OK(row);
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->state, MailState::kQueued);
  EXPECT_EQ((*row)->attempts, 1);
  EXPECT_EQ((*row)->last_error, "Couldn't connect to server");
  EXPECT_EQ((*row)->next_attempt_at, kStartTime + 30);
  // Not due before its next try.
  EXPECT_TRUE(store_->claimDueMail(kStartTime + 29, 10)->empty());
  ASSERT_EQ(store_->claimDueMail(kStartTime + 30, 10)->size(), 1u);
  ESAFETY_ASSERT_OK(store_->markMailSent(*id, kStartTime + 31));
  row = store_->outboxMail(school_, *id);
  EXPECT_EQ((*row)->state, MailState::kSent);
  EXPECT_EQ((*row)->sent_at, kStartTime + 31);
  EXPECT_TRUE(store_->claimDueMail(kStartTime + 9999, 10)->empty());
  // Marking a mail that is not being sent is refused.
  EXPECT_EQ(store_->markMailSent(*id, kStartTime + 32).code(), StatusCode::kNotFound);
}

TEST_F(MailOutboxTest, AMailInFlightWhenTheSenderDiedIsSentAgain) {
  clock_.setUnix(kStartTime);
  auto id = store_->enqueueMail(school_, mail());
  ESAFETY_ASSERT_OK(id);
  ASSERT_EQ(store_->claimDueMail(kStartTime, 10)->size(), 1u);
  reopen();  // the process died mid-send
  EXPECT_TRUE(store_->claimDueMail(kStartTime + 5, 10)->empty());
  auto requeued = store_->requeueInFlightMail(kStartTime + 5);
  ESAFETY_ASSERT_OK(requeued);
  EXPECT_EQ(*requeued, 1);
  auto due = store_->claimDueMail(kStartTime + 5, 10);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->front().id, *id);
}

TEST_F(MailOutboxTest, TheSameDedupeKeyQueuesOneMail) {
  auto first = store_->enqueueMail(school_, mail("alert:42:dsl"));
  auto second = store_->enqueueMail(school_, mail("alert:42:dsl"));
  ESAFETY_ASSERT_OK(first);
  ESAFETY_ASSERT_OK(second);
  EXPECT_EQ(*first, *second);
  EXPECT_EQ(store_->outbox(school_, 0, 100)->size(), 1u);
  ESAFETY_EXPECT_OK(store_->enqueueMail(school_, mail("alert:43:dsl")));
  EXPECT_EQ(store_->outbox(school_, 0, 100)->size(), 2u);
}

TEST_F(MailOutboxTest, HeaderInjectionAndBadAddressesAreRefused) {
  NewMail m = mail();
  m.subject = "level 4\r\nBcc: someone@evil.example";
  EXPECT_THAT(statusOf(store_->enqueueMail(school_, m)).message(), HasSubstr("one line"));
  m = mail();
  m.recipients = {"dsl@school.example>, <x@evil.example"};
  EXPECT_EQ(statusOf(store_->enqueueMail(school_, m)).code(), StatusCode::kInvalidArgument);
  m.recipients = {"not-an-address"};
  EXPECT_THAT(statusOf(store_->enqueueMail(school_, m)).message(), HasSubstr("not a mail address"));
  m.recipients = {};
  EXPECT_THAT(statusOf(store_->enqueueMail(school_, m)).message(), HasSubstr("at least one"));
  EXPECT_TRUE(store_->outbox(school_, 0, 100)->empty());
}

TEST_F(MailOutboxTest, TheOutboxShowsUnsentMailAndRecentlySentMail) {
  clock_.setUnix(kStartTime);
  auto old_sent = *store_->enqueueMail(school_, mail());
  auto waiting = *store_->enqueueMail(school_, mail());
  ASSERT_EQ(store_->claimDueMail(kStartTime, 1)->size(), 1u);
  ESAFETY_ASSERT_OK(store_->markMailSent(old_sent, kStartTime));
  auto shown = store_->outbox(school_, kStartTime + 1, 100);
  ESAFETY_ASSERT_OK(shown);
  ASSERT_EQ(shown->size(), 1u);
  EXPECT_EQ(shown->front().id, waiting);
  EXPECT_EQ(store_->outbox(school_, kStartTime, 100)->size(), 2u);
}

TEST_F(MailOutboxTest, RetryNowMakesQueuedMailDue) {
  clock_.setUnix(kStartTime);
  auto id = *store_->enqueueMail(school_, mail());
  ASSERT_EQ(store_->claimDueMail(kStartTime, 10)->size(), 1u);
  ESAFETY_ASSERT_OK(store_->markMailFailed(id, "timed out", kStartTime + 1800));
  EXPECT_TRUE(store_->claimDueMail(kStartTime + 10, 10)->empty());
  EXPECT_EQ(*store_->retryQueuedMailNow(school_, kStartTime + 10), 1);
  EXPECT_EQ(store_->claimDueMail(kStartTime + 10, 10)->size(), 1u);
}

TEST_F(MailOutboxTest, APasswordSettingIsNotWrittenIntoTheAudit) {
  ESAFETY_ASSERT_OK(store_->setSetting(school_, "mail.password", "hunter2-secret", "it.technician"));
  auto audit = store_->audit(school_, 1);
  ESAFETY_ASSERT_OK(audit);
  EXPECT_EQ(audit->front().target, "mail.password");
  EXPECT_THAT(audit->front().detail, ::testing::Not(HasSubstr("hunter2")));
  EXPECT_EQ(*store_->setting(school_, "mail.password"), "hunter2-secret");
}

}  // namespace
}  // namespace esafety::store::testing
