// Local allow and deny entries: who, when and why are required and kept, and
// removal keeps the record.
#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

using ::testing::HasSubstr;
using policy::Action;

class EntriesTest : public StoreTest {};

TEST_F(EntriesTest, RoundTripsAnEntryStampedByTheClock) {
  clock_.setUnix(kStartTime + 600);
  policy::LocalEntry deny{.pattern = "games-demo.example/flash", .action = Action::kBlock,
                          .added_by = "it.technician", .reason = "Distracting in lessons"};
  auto id = store_->addLocalEntry(school_, deny);
  ESAFETY_ASSERT_OK(id);
  auto entries = store_->localEntries(school_);
  ESAFETY_ASSERT_OK(entries);
  ASSERT_EQ(entries->size(), 1u);
  const policy::LocalEntry& e = entries->front();
  EXPECT_EQ(e.id, *id);
  EXPECT_EQ(e.group, "");
  EXPECT_EQ(e.pattern, "games-demo.example/flash");
  EXPECT_EQ(e.action, Action::kBlock);
  EXPECT_EQ(e.added_by, "it.technician");
  EXPECT_EQ(e.added_at, kStartTime + 600);
  EXPECT_EQ(e.reason, "Distracting in lessons");
}

TEST_F(EntriesTest, KeepsAGivenTimeAndGroup) {
  ESAFETY_ASSERT_OK(store_->saveGroup(school_, {.name = "KS2"}, "a", "r"));
  policy::LocalEntry allow{.group = "KS2", .pattern = "maths-demo.example",
                           .action = Action::kAllow, .added_by = "teacher",
                           .added_at = 1700000000, .reason = "Maths homework"};
  ESAFETY_ASSERT_OK(store_->addLocalEntry(school_, allow));
  auto entries = store_->localEntries(school_);
  ESAFETY_ASSERT_OK(entries);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().group, "KS2");
  EXPECT_EQ(entries->front().action, Action::kAllow);
  EXPECT_EQ(entries->front().added_at, 1700000000);
}

TEST_F(EntriesTest, AReasonIsRequired) {
  auto id = store_->addLocalEntry(school_, {.pattern = "x.example", .added_by = "a"});
  EXPECT_EQ(id.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(id.status().message(), "a reason is required");
}

TEST_F(EntriesTest, WhoAddedItIsRequired) {
  auto id = store_->addLocalEntry(school_, {.pattern = "x.example", .reason = "why"});
  EXPECT_EQ(id.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(EntriesTest, RefusesBadPatternsAndUnknownGroups) {
  EXPECT_EQ(store_->addLocalEntry(school_, {.pattern = "", .added_by = "a", .reason = "r"})
                .status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->addLocalEntry(school_, {.pattern = "a b.example", .added_by = "a", .reason = "r"})
                .status().code(), StatusCode::kInvalidArgument);
  auto unknown = store_->addLocalEntry(
      school_, {.group = "Nope", .pattern = "x.example", .added_by = "a", .reason = "r"});
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(unknown.status().message(), HasSubstr("'Nope'"));
}

TEST_F(EntriesTest, RemovingKeepsTheRecordButDropsItFromThePolicy) {
  auto id = store_->addLocalEntry(school_, {.pattern = "x.example", .added_by = "teacher",
                                            .reason = "for a lesson"});
  ESAFETY_ASSERT_OK(id);
  EXPECT_EQ(store_->removeLocalEntry(school_, *id, "dsl", "").code(), StatusCode::kInvalidArgument);
  clock_.setUnix(kStartTime + 3600);
  ESAFETY_ASSERT_OK(store_->removeLocalEntry(school_, *id, "dsl", "lesson over"));

  auto entries = store_->localEntries(school_);
  ESAFETY_ASSERT_OK(entries);
  EXPECT_TRUE(entries->empty());
  auto policy = store_->loadPolicy(school_);
  ESAFETY_ASSERT_OK(policy);
  EXPECT_TRUE(policy->local_entries.empty());
  EXPECT_EQ(store_->removeLocalEntry(school_, *id, "dsl", "again").code(), StatusCode::kNotFound);

  RawDb raw(dbPath());
  EXPECT_EQ(raw.queryText("SELECT removed_by || '|' || removed_at || '|' || removed_reason"
                          " FROM local_entries WHERE id = " + std::to_string(*id)),
            "dsl|" + std::to_string(kStartTime + 3600) + "|lesson over");
}

}  // namespace
}  // namespace esafety::store::testing
