// Groups: round trips with category links and time rules, replacement, and
// rollback: a failed save leaves the old group exactly as it was.
#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

using ::testing::HasSubstr;
using policy::Action;

class GroupsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    for (const char* name : {"games", "gambling", "pornography", "educational", "social"}) {
      addCategory(name);
    }
  }

  static policy::Group ks2() {
    policy::Group g;
    g.name = "KS2";
    g.description = "Ages 7-11";
    g.blocked_categories = {"games", "gambling", "pornography"};
    g.allowed_categories = {"educational"};
    g.uncategorised = Action::kBlock;
    g.allow_list_only = false;
    g.safe_search = true;
    g.inspect = true;
    g.inspect_tls = true;
    g.phrase_limit = 120;
    g.block_search_level = 4;
    g.time_rules = {{.category = "games", .days = 0x1F, .start_minute = 720, .end_minute = 780,
                     .action = Action::kAllow, .note = "lunchtime"},
                    {.category = "social", .days = 0x60, .start_minute = 1380, .end_minute = 60,
                     .action = Action::kBlock, .note = "weekend nights"}};
    return g;
  }
};

void expectSameGroup(const policy::Group& a, const policy::Group& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.blocked_categories, b.blocked_categories);
  EXPECT_EQ(a.allowed_categories, b.allowed_categories);
  EXPECT_EQ(a.uncategorised, b.uncategorised);
  EXPECT_EQ(a.allow_list_only, b.allow_list_only);
  EXPECT_EQ(a.safe_search, b.safe_search);
  EXPECT_EQ(a.inspect, b.inspect);
  EXPECT_EQ(a.inspect_tls, b.inspect_tls);
  EXPECT_EQ(a.phrase_limit, b.phrase_limit);
  EXPECT_EQ(a.block_search_level, b.block_search_level);
  ASSERT_EQ(a.time_rules.size(), b.time_rules.size());
  for (size_t i = 0; i < a.time_rules.size(); ++i) {
    EXPECT_EQ(a.time_rules[i].category, b.time_rules[i].category);
    EXPECT_EQ(a.time_rules[i].days, b.time_rules[i].days);
    EXPECT_EQ(a.time_rules[i].start_minute, b.time_rules[i].start_minute);
    EXPECT_EQ(a.time_rules[i].end_minute, b.time_rules[i].end_minute);
    EXPECT_EQ(a.time_rules[i].action, b.time_rules[i].action);
    EXPECT_EQ(a.time_rules[i].note, b.time_rules[i].note);
  }
}

TEST_F(GroupsTest, RoundTripsAGroupWithItsCategoriesAndTimeRules) {
  ESAFETY_ASSERT_OK(store_->saveGroup(school_, ks2(), "computing.lead", "new group"));
  auto read = store_->group(school_, "KS2");
  ESAFETY_ASSERT_OK(read);
  ASSERT_TRUE(read->has_value());
  expectSameGroup(**read, ks2());

  reopen();
  auto all = store_->groups(school_);
  ESAFETY_ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u);
  expectSameGroup(all->front(), ks2());
}

TEST_F(GroupsTest, ListsGroupsByNameEachWithItsOwnRules) {
  policy::Group staff{.name = "Staff", .blocked_categories = {"pornography"}, .safe_search = false};
  ESAFETY_ASSERT_OK(store_->saveGroup(school_, staff, "a", "r"));
  ESAFETY_ASSERT_OK(store_->saveGroup(school_, ks2(), "a", "r"));
  auto all = store_->groups(school_);
  ESAFETY_ASSERT_OK(all);
  ASSERT_EQ(all->size(), 2u);
  expectSameGroup((*all)[0], ks2());
  expectSameGroup((*all)[1], staff);
}

TEST_F(GroupsTest, SavingAgainReplacesTheGroupAndKeepsDevicesPointingAtIt) {
  ESAFETY_ASSERT_OK(store_->saveGroup(school_, ks2(), "a", "r"));
  ESAFETY_ASSERT_OK(store_->addDevice(school_, {.name = "iPad 1", .ip = "127.0.0.21", .group = "KS2"},
                                      "a"));
  policy::Group smaller{.name = "KS2", .blocked_categories = {"gambling"}, .safe_search = false};
  ESAFETY_ASSERT_OK(store_->saveGroup(school_, smaller, "a", "lunchtime games for everyone"));
  auto read = store_->group(school_, "KS2");
  ESAFETY_ASSERT_OK(read);
  expectSameGroup(**read, smaller);
  auto device = store_->deviceByIp(school_, "127.0.0.21");
  ESAFETY_ASSERT_OK(device);
  EXPECT_EQ((*device)->group, "KS2");
}

TEST_F(GroupsTest, UnknownCategoryInATimeRuleFailsAndLeavesTheOldGroupIntact) {
  ESAFETY_ASSERT_OK(store_->saveGroup(school_, ks2(), "a", "r"));
  auto audit_before = store_->audit(school_, 100);
  ESAFETY_ASSERT_OK(audit_before);

  // Everything but the last time rule is valid, so the group row and its
  // links are rewritten before the failure: the transaction must undo them.
  policy::Group changed = ks2();
  changed.description = "changed";
  changed.blocked_categories = {"pornography"};
  changed.time_rules.push_back({.category = "no-such-category", .start_minute = 0,
                                .end_minute = 60, .action = Action::kBlock});
  Status s = store_->saveGroup(school_, changed, "a", "r");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("'no-such-category'"));

  auto read = store_->group(school_, "KS2");
  ESAFETY_ASSERT_OK(read);
  expectSameGroup(**read, ks2());
  auto audit_after = store_->audit(school_, 100);
  ESAFETY_ASSERT_OK(audit_after);
  EXPECT_EQ(audit_after->size(), audit_before->size()) << "a failed save wrote an audit row";
}

TEST_F(GroupsTest, UnknownBlockedCategoryIsRejectedAndNothingIsCreated) {
  policy::Group g{.name = "KS1", .blocked_categories = {"gamez"}};
  Status s = store_->saveGroup(school_, g, "a", "r");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("'gamez'"));
  auto read = store_->group(school_, "KS1");
  ESAFETY_ASSERT_OK(read);
  EXPECT_FALSE(read->has_value());
}

TEST_F(GroupsTest, RefusesInvalidGroups) {
  policy::Group both{.name = "KS1", .blocked_categories = {"games"},
                     .allowed_categories = {"games"}};
  EXPECT_EQ(store_->saveGroup(school_, both, "a", "r").code(), StatusCode::kInvalidArgument);
  policy::Group no_days{.name = "KS1"};
  no_days.time_rules.push_back({.category = "games", .days = 0, .start_minute = 0,
                                .end_minute = 60});
  EXPECT_EQ(store_->saveGroup(school_, no_days, "a", "r").code(), StatusCode::kInvalidArgument);
  policy::Group late{.name = "KS1"};
  late.time_rules.push_back({.category = "games", .start_minute = 0, .end_minute = 2000});
  EXPECT_EQ(store_->saveGroup(school_, late, "a", "r").code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->saveGroup(school_, {.name = ""}, "a", "r").code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->saveGroup(school_, {.name = "KS1"}, "a", "").code(),
            StatusCode::kInvalidArgument);
}

TEST_F(GroupsTest, DeletesAGroupOnlyWhenNothingUsesIt) {
  ESAFETY_ASSERT_OK(store_->saveGroup(school_, ks2(), "a", "r"));
  auto device = store_->addDevice(school_, {.name = "iPad 1", .group = "KS2"}, "a");
  ESAFETY_ASSERT_OK(device);
  Status s = store_->deleteGroup(school_, "KS2", "a", "merging groups");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("device 'iPad 1'"));

  ESAFETY_ASSERT_OK(store_->removeDevice(school_, *device, "a"));
  ESAFETY_EXPECT_OK(store_->deleteGroup(school_, "KS2", "a", "merging groups"));
  auto read = store_->group(school_, "KS2");
  ESAFETY_ASSERT_OK(read);
  EXPECT_FALSE(read->has_value());
  EXPECT_EQ(store_->deleteGroup(school_, "KS2", "a", "again").code(), StatusCode::kNotFound);
  // Its rules went with it, so its categories are free to delete.
  ESAFETY_EXPECT_OK(store_->deleteCategory(school_, "games", "a", "unused"));
}

TEST_F(GroupsTest, ActiveLocalEntriesKeepTheirGroup) {
  ESAFETY_ASSERT_OK(store_->saveGroup(school_, ks2(), "a", "r"));
  auto entry = store_->addLocalEntry(school_, {.group = "KS2", .pattern = "x.example",
                                               .added_by = "a", .reason = "topic work"});
  ESAFETY_ASSERT_OK(entry);
  EXPECT_EQ(store_->deleteGroup(school_, "KS2", "a", "r").code(), StatusCode::kFailedPrecondition);
  ESAFETY_ASSERT_OK(store_->removeLocalEntry(school_, *entry, "a", "topic finished"));
  ESAFETY_EXPECT_OK(store_->deleteGroup(school_, "KS2", "a", "r"));
}

TEST_F(GroupsTest, LoadPolicyReturnsCategoriesGroupsAndEntries) {
  ESAFETY_ASSERT_OK(store_->saveGroup(school_, ks2(), "a", "r"));
  ESAFETY_ASSERT_OK(store_->addLocalEntry(school_, {.pattern = "x.example", .added_by = "a",
                                                    .reason = "why"}));
  auto policy = store_->loadPolicy(school_);
  ESAFETY_ASSERT_OK(policy);
  EXPECT_EQ(policy->school, school_);
  EXPECT_EQ(policy->categories.size(), 5u);
  ASSERT_EQ(policy->groups.size(), 1u);
  expectSameGroup(policy->groups.front(), ks2());
  ASSERT_EQ(policy->local_entries.size(), 1u);
  EXPECT_EQ(policy->local_entries.front().pattern, "x.example");
  EXPECT_EQ(store_->loadPolicy(999).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace esafety::store::testing
