#include <gtest/gtest.h>

// Sign-in bindings from the captive portal: kept across a reopen, replaced
// by a new sign-in at the same address, gone after expiry or sign-out, and
// audited both ways.
#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

class BindingsTest : public StoreTest {
 protected:
  int64_t addVisitor() {
    auto id = store_->addPerson(school_,
                                {.kind = identity::PersonKind::kVisitor,
                                 .name = "Visitor",
                                 .role = identity::Role::kVisitor,
                                 .login = "visitor"},
                                "office");
    EXPECT_TRUE(id) << id.status().toString();
    return id ? *id : 0;
  }
};

TEST_F(BindingsTest, SignInIsKeptAcrossReopenAndEndsAtExpiry) {
  int64_t visitor = addVisitor();
  identity::ClientBinding b{.client_ip = "127.0.0.3",
                            .person = visitor,
                            .group = "Visitor",
                            .bound_at = kStartTime,
                            .expires_at = kStartTime + 600};
  ESAFETY_ASSERT_OK(store_->saveClientBinding(school_, b, "portal at 127.0.0.3"));
  reopen();
  auto live = store_->clientBindings(school_, kStartTime + 10);
  ESAFETY_ASSERT_OK(live);
  ASSERT_EQ(live->size(), 1u);
  EXPECT_EQ((*live)[0].person_name, "Visitor");
  EXPECT_EQ((*live)[0].login, "visitor");
  EXPECT_EQ((*live)[0].kind, identity::PersonKind::kVisitor);
  EXPECT_EQ((*live)[0].group, "Visitor");
  auto later = store_->clientBindings(school_, kStartTime + 600);
  ESAFETY_ASSERT_OK(later);
  EXPECT_TRUE(later->empty());
  auto audit = store_->audit(school_, 1);
  ESAFETY_ASSERT_OK(audit);
  EXPECT_EQ(audit->front().action, "portal.sign_in");
  EXPECT_EQ(audit->front().target, "127.0.0.3");
}

TEST_F(BindingsTest, SignOutRemovesAndIsAudited) {
  int64_t visitor = addVisitor();
  identity::ClientBinding b{.client_ip = "fd00::5", .person = visitor, .group = "Visitor",
                            .bound_at = kStartTime, .expires_at = kStartTime + 60};
  ESAFETY_ASSERT_OK(store_->saveClientBinding(school_, b, "portal"));
  b.expires_at = kStartTime + 120;  // signing in again replaces the row
  ESAFETY_ASSERT_OK(store_->saveClientBinding(school_, b, "portal"));
  auto live = store_->clientBindings(school_, kStartTime + 90);
  ESAFETY_ASSERT_OK(live);
  ASSERT_EQ(live->size(), 1u);
  ESAFETY_ASSERT_OK(store_->removeClientBinding(school_, "fd00::5", "portal", "signed out"));
  EXPECT_EQ(store_->removeClientBinding(school_, "fd00::5", "portal", "signed out").code(),
            StatusCode::kNotFound);
  auto audit = store_->audit(school_, 1);
  ESAFETY_ASSERT_OK(audit);
  EXPECT_EQ(audit->front().action, "portal.sign_out");
  EXPECT_EQ(audit->front().detail, "fd00::5 signed out: signed out");
}

TEST_F(BindingsTest, RefusesUnknownPeopleAndBackwardsTimes) {
  identity::ClientBinding b{.client_ip = "127.0.0.3", .person = 999, .group = "Visitor",
                            .bound_at = kStartTime, .expires_at = kStartTime + 60};
  EXPECT_EQ(store_->saveClientBinding(school_, b, "portal").code(), StatusCode::kNotFound);
  b.person = addVisitor();
  b.expires_at = b.bound_at;
  EXPECT_EQ(store_->saveClientBinding(school_, b, "portal").code(), StatusCode::kInvalidArgument);
  b.expires_at = b.bound_at + 1;
  b.client_ip = "";
  EXPECT_EQ(store_->saveClientBinding(school_, b, "portal").code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace esafety::store::testing
