// The audit trail: every change writes its own row, with who, when, what and
// why, in the same transaction; a failed change writes none.
#include <sqlite3.h>

#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

using ::testing::HasSubstr;

class AuditTest : public StoreTest {};

TEST_F(AuditTest, EveryChangeWritesARowWithActorAndReason) {
  clock_.setUnix(kStartTime + 100);
  policy::CategoryDef games{.name = "games", .title = "Games"};
  ESAFETY_ASSERT_OK(store_->upsertCategory(school_, games, "u1", "r1"));
  ESAFETY_ASSERT_OK(store_->saveGroup(school_, {.name = "KS2", .blocked_categories = {"games"}},
                                      "u2", "r2"));
  auto entry = store_->addLocalEntry(school_, {.pattern = "x.example", .added_by = "u3",
                                               .reason = "r3"});
  ESAFETY_ASSERT_OK(entry);
  ESAFETY_ASSERT_OK(store_->removeLocalEntry(school_, *entry, "u4", "r4"));
  auto device = store_->addDevice(school_, {.name = "iPad", .group = "KS2"}, "u5");
  ESAFETY_ASSERT_OK(device);
  ESAFETY_ASSERT_OK(store_->updateDevice(school_, {.id = *device, .name = "iPad 2"}, "u6"));
  ESAFETY_ASSERT_OK(store_->removeDevice(school_, *device, "u7"));
  auto list = store_->addListSource(school_, {.path = "/l", .format = "hosts", .added_by = "u8"}, "r8");
  ESAFETY_ASSERT_OK(list);
  ESAFETY_ASSERT_OK(store_->updateListSourceCounts(school_, *list, 5, 1, "u9"));
  ESAFETY_ASSERT_OK(store_->removeListSource(school_, *list, "u10", "r10"));
  ESAFETY_ASSERT_OK(store_->setSetting(school_, "k", "v", "u11"));
  ESAFETY_ASSERT_OK(store_->saveGroup(school_, {.name = "KS2"}, "u12", "r12"));
  ESAFETY_ASSERT_OK(store_->deleteGroup(school_, "KS2", "u13", "r13"));
  ESAFETY_ASSERT_OK(store_->deleteCategory(school_, "games", "u14", "r14"));
  ESAFETY_ASSERT_OK(store_->appendAudit(school_, "u15", "console.login", "u15", "from 127.0.0.1", ""));

  auto rows = store_->audit(school_, 100);
  ESAFETY_ASSERT_OK(rows);
  struct Want { const char* actor; const char* action; const char* reason; };
  const Want want[] = {
      {"u15", "console.login", ""},    {"u14", "category.delete", "r14"},
      {"u13", "group.delete", "r13"},  {"u12", "group.update", "r12"},
      {"u11", "setting.set", ""},      {"u10", "list_source.remove", "r10"},
      {"u9", "list_source.counts", ""}, {"u8", "list_source.add", "r8"},
      {"u7", "device.remove", ""},     {"u6", "device.update", ""},
      {"u5", "device.add", ""},        {"u4", "local_entry.remove", "r4"},
      {"u3", "local_entry.add", "r3"}, {"u2", "group.create", "r2"},
      {"u1", "category.create", "r1"}, {"setup", "school.create", ""},
  };
  ASSERT_EQ(rows->size(), std::size(want));
  for (size_t i = 0; i < rows->size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ((*rows)[i].actor, want[i].actor);
    EXPECT_EQ((*rows)[i].action, want[i].action);
    EXPECT_EQ((*rows)[i].reason, want[i].reason);
    EXPECT_EQ((*rows)[i].school, school_);
  }
  EXPECT_EQ(rows->front().at, kStartTime + 100);
  EXPECT_EQ(rows->back().at, kStartTime);
  // The detail says what changed, in words.
  EXPECT_THAT((*rows)[12].detail, HasSubstr("block x.example for every group"));
  EXPECT_EQ((*rows)[6].detail, "5 entries, 1 rejected");
}

TEST_F(AuditTest, LimitReturnsTheNewestRows) {
  for (int i = 0; i < 5; ++i) {
    ESAFETY_ASSERT_OK(store_->appendAudit(school_, "a", "event", std::to_string(i), "", ""));
  }
  auto rows = store_->audit(school_, 2);
  ESAFETY_ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].target, "4");
  EXPECT_EQ((*rows)[1].target, "3");
  EXPECT_EQ(store_->audit(school_, 0).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(AuditTest, AFailedChangeWritesNoRow) {
  auto before = store_->audit(school_, 100);
  ESAFETY_ASSERT_OK(before);
  EXPECT_FALSE(store_->saveGroup(school_, {.name = "KS1", .blocked_categories = {"nope"}}, "a", "r")
                   .isOk());
  EXPECT_FALSE(store_->addDevice(school_, {.name = "d", .group = "nope"}, "a").isOk());
  auto after = store_->audit(school_, 100);
  ESAFETY_ASSERT_OK(after);
  EXPECT_EQ(after->size(), before->size());
}

TEST_F(AuditTest, TheLogIsAppendOnlyEvenToRawSql) {
  RawDb raw(dbPath());
  EXPECT_EQ(raw.exec("UPDATE audit_log SET actor = 'someone else'"), SQLITE_CONSTRAINT_TRIGGER);
  EXPECT_EQ(raw.exec("DELETE FROM audit_log"), SQLITE_CONSTRAINT_TRIGGER);
  EXPECT_THAT(raw.lastError(), HasSubstr("append-only"));
}

}  // namespace
}  // namespace esafety::store::testing
