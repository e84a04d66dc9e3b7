#include <gtest/gtest.h>

// Requests from the block page's two buttons, kept for the console's inbox.
#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

class InboxTest : public StoreTest {};

TEST_F(InboxTest, BlockPageRequestsAreKeptAndAudited) {
  auto* school = &school_;
  InboxRequest r;
  r.kind = "ask-check";
  r.reference = 123456789;
  r.message = "We need it for the Year 5 Vikings topic";
  r.client_ip = "127.0.0.21";
  auto id = store_->addInboxRequest(*school, r);
  ASSERT_TRUE(id) << id.status().toString();
  r.kind = "tell-teacher";
  r.message = "";
  ASSERT_TRUE(store_->addInboxRequest(*school, r));
  auto all = store_->inboxRequests(*school, 10);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].kind, "tell-teacher");
  EXPECT_EQ((*all)[1].message, "We need it for the Year 5 Vikings topic");
  EXPECT_EQ((*all)[1].reference, 123456789u);
  EXPECT_EQ((*all)[1].status, "new");
  auto audit = store_->audit(*school, 1);
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->front().action, "inbox.add");
  EXPECT_EQ(audit->front().actor, "block page at 127.0.0.21");
}

// `esafety serve` reloads the policy when this id moves: the inbox's own
// rows must not move it, or every button press would reload the policy.
TEST_F(InboxTest, InboxRowsAreNotPolicyChanges) {
  auto before = store_->newestPolicyAuditId(school_);
  ASSERT_TRUE(before) << before.status().toString();
  InboxRequest r;
  r.kind = "tell-teacher";
  r.reference = 42;
  r.client_ip = "127.0.0.21";
  auto id = store_->addInboxRequest(school_, r);
  ASSERT_TRUE(id);
  ASSERT_TRUE(store_->setInboxStatus(school_, *id, "done", "dsl@school.example").isOk());
  auto after = store_->newestPolicyAuditId(school_);
  ASSERT_TRUE(after);
  EXPECT_EQ(*after, *before);
  ASSERT_TRUE(store_->appendAudit(school_, "it.technician", "group.save", "KS1", "changed", "").isOk());
  auto changed = store_->newestPolicyAuditId(school_);
  ASSERT_TRUE(changed);
  EXPECT_GT(*changed, *after);
}

TEST_F(InboxTest, RejectsUnknownKindsAndLongMessages) {
  auto* school = &school_;
  InboxRequest r;
  r.kind = "complain";
  EXPECT_EQ(store_->addInboxRequest(*school, r).status().code(), StatusCode::kInvalidArgument);
  r.kind = "ask-check";
  r.message = std::string(2001, 'x');
  EXPECT_EQ(store_->addInboxRequest(*school, r).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(store_->inboxRequests(*school, 10)->empty());
}

TEST_F(InboxTest, StaffMarkRequestsSeenOrDoneAndThatIsAudited) {
  InboxRequest r;
  r.kind = "tell-teacher";
  r.reference = 42;
  auto id = store_->addInboxRequest(school_, r);
  ASSERT_TRUE(id);
  ESAFETY_ASSERT_OK(store_->setInboxStatus(school_, *id, "done", "dsl@school.example"));
  EXPECT_EQ(store_->inboxRequests(school_, 10)->front().status, "done");
  auto audit = store_->audit(school_, 1);
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->front().action, "inbox.status");
  EXPECT_EQ(audit->front().actor, "dsl@school.example");
  EXPECT_EQ(store_->setInboxStatus(school_, *id, "ignored", "x").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->setInboxStatus(school_, *id + 100, "seen", "x").code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->inboxRequests(school_, 10)->front().status, "done") << "a refused change changes nothing";
}

}  // namespace
}  // namespace esafety::store::testing
