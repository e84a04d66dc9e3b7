// Categories: round trips, and the one-way unoverridable flag, enforced both by
// the store (clear messages) and by the schema's triggers (raw SQL).
#include <sqlite3.h>

#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

using ::testing::HasSubstr;

class CategoriesTest : public StoreTest {};

TEST_F(CategoriesTest, RoundTripsAndUpdatesACategory) {
  policy::CategoryDef games{.name = "games", .title = "Games", .description = "Online games"};
  ESAFETY_ASSERT_OK(store_->upsertCategory(school_, games, "it.technician", "new category"));
  auto read = store_->category(school_, "games");
  ESAFETY_ASSERT_OK(read);
  ASSERT_TRUE(read->has_value());
  EXPECT_EQ((*read)->title, "Games");
  EXPECT_EQ((*read)->description, "Online games");
  EXPECT_FALSE((*read)->unoverridable);
  EXPECT_FALSE((*read)->allow_list);

  games.title = "Online games";
  games.allow_list = true;
  ESAFETY_ASSERT_OK(store_->upsertCategory(school_, games, "it.technician", "rename"));
  auto all = store_->categories(school_);
  ESAFETY_ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().title, "Online games");
  EXPECT_TRUE(all->front().allow_list);
}

TEST_F(CategoriesTest, AbsentCategoryIsEmptyNotAnError) {
  auto read = store_->category(school_, "nothing-here");
  ESAFETY_ASSERT_OK(read);
  EXPECT_FALSE(read->has_value());
}

TEST_F(CategoriesTest, RefusesBadNamesAndMissingReason) {
  policy::CategoryDef bad{.name = "Bad Name", .title = "Bad"};
  EXPECT_EQ(store_->upsertCategory(school_, bad, "a", "r").code(), StatusCode::kInvalidArgument);
  policy::CategoryDef ok{.name = "ok", .title = "OK"};
  Status no_reason = store_->upsertCategory(school_, ok, "a", "");
  EXPECT_EQ(no_reason.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_reason.message(), "a reason is required");
  EXPECT_EQ(store_->upsertCategory(school_, ok, "", "r").code(), StatusCode::kInvalidArgument);
}

TEST_F(CategoriesTest, UnoverridableCanNeverBeCleared) {
  addCategory("illegal", /*unoverridable=*/true);
  policy::CategoryDef cleared{.name = "illegal", .title = "Illegal", .unoverridable = false};
  Status s = store_->upsertCategory(school_, cleared, "head", "we want it off");
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(s.message(), "'illegal' holds illegal content and can never be made overridable");
  auto read = store_->category(school_, "illegal");
  ESAFETY_ASSERT_OK(read);
  EXPECT_TRUE((*read)->unoverridable);
}

TEST_F(CategoriesTest, UnoverridableCanNeverBeDeleted) {
  addCategory("illegal", /*unoverridable=*/true);
  Status s = store_->deleteCategory(school_, "illegal", "head", "tidying up");
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("'illegal' holds illegal content and can never be deleted"));
  auto read = store_->category(school_, "illegal");
  ESAFETY_ASSERT_OK(read);
  EXPECT_TRUE(read->has_value());
}

TEST_F(CategoriesTest, UnoverridableCanStillBeRetitled) {
  addCategory("illegal", /*unoverridable=*/true);
  policy::CategoryDef retitled{.name = "illegal", .title = "Illegal content", .unoverridable = true};
  ESAFETY_EXPECT_OK(store_->upsertCategory(school_, retitled, "head", "clearer title"));
}

TEST_F(CategoriesTest, SchemaTriggersEnforceUnoverridableWhateverTheSql) {
  addCategory("illegal", /*unoverridable=*/true);
  ESAFETY_ASSERT_OK(store_->saveGroup(school_, {.name = "KS1"}, "a", "r"));
  RawDb raw(dbPath());

  EXPECT_EQ(raw.exec("UPDATE categories SET unoverridable = 0 WHERE name = 'illegal'"),
            SQLITE_CONSTRAINT_TRIGGER);
  EXPECT_THAT(raw.lastError(), HasSubstr("can never be made overridable"));

  EXPECT_EQ(raw.exec("DELETE FROM categories WHERE name = 'illegal'"), SQLITE_CONSTRAINT_TRIGGER);
  EXPECT_THAT(raw.lastError(), HasSubstr("can never be deleted"));

  EXPECT_EQ(raw.exec("INSERT INTO group_categories (school_id, group_id, category, kind)"
                     " SELECT school_id, id, 'illegal', 'allowed' FROM filter_groups"),
            SQLITE_CONSTRAINT_TRIGGER);
  EXPECT_THAT(raw.lastError(), HasSubstr("can never be allowed"));

  EXPECT_EQ(raw.exec("INSERT INTO time_rules (school_id, group_id, position, category, days,"
                     " start_minute, end_minute, action) SELECT school_id, id, 0, 'illegal', 31,"
                     " 0, 60, 'allow' FROM filter_groups"),
            SQLITE_CONSTRAINT_TRIGGER);

  EXPECT_EQ(raw.queryText("SELECT unoverridable FROM categories WHERE name = 'illegal'"), "1");
}

TEST_F(CategoriesTest, GroupsCanNeverAllowAnUnoverridableCategory) {
  addCategory("illegal", /*unoverridable=*/true);
  policy::Group allows{.name = "Staff", .allowed_categories = {"illegal"}};
  Status s = store_->saveGroup(school_, allows, "it.technician", "staff need it");
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("'illegal' holds illegal content and can never be allowed"));

  policy::Group by_time{.name = "Staff"};
  by_time.time_rules.push_back({.category = "illegal", .start_minute = 0, .end_minute = 60,
                                .action = policy::Action::kAllow});
  EXPECT_EQ(store_->saveGroup(school_, by_time, "it.technician", "after hours").code(),
            StatusCode::kPermissionDenied);

  policy::Group blocks{.name = "Staff", .blocked_categories = {"illegal"}};
  ESAFETY_EXPECT_OK(store_->saveGroup(school_, blocks, "it.technician", "block it"));
}

TEST_F(CategoriesTest, CannotMakeACategoryUnoverridableWhileAGroupAllowsIt) {
  addCategory("webmail");
  ESAFETY_ASSERT_OK(store_->saveGroup(
      school_, {.name = "Staff", .allowed_categories = {"webmail"}}, "a", "r"));
  policy::CategoryDef now_illegal{.name = "webmail", .title = "Webmail", .unoverridable = true};
  Status s = store_->upsertCategory(school_, now_illegal, "a", "r");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("group 'Staff'"));
}

TEST_F(CategoriesTest, DeletingACategoryInUseFailsAndNamesTheUsers) {
  addCategory("games");
  addCategory("chat");
  ESAFETY_ASSERT_OK(store_->saveGroup(
      school_, {.name = "KS1", .blocked_categories = {"games"}}, "a", "r"));
  Status s = store_->deleteCategory(school_, "games", "a", "no longer needed");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("group 'KS1'"));

  ESAFETY_EXPECT_OK(store_->deleteCategory(school_, "chat", "a", "no longer needed"));
  EXPECT_EQ(store_->deleteCategory(school_, "chat", "a", "again").code(), StatusCode::kNotFound);
  auto all = store_->categories(school_);
  ESAFETY_ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().name, "games");
}

TEST_F(CategoriesTest, CategoryCannotBeBothUnoverridableAndAllowList) {
  policy::CategoryDef both{.name = "x", .title = "X", .unoverridable = true, .allow_list = true};
  EXPECT_EQ(store_->upsertCategory(school_, both, "a", "r").code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace esafety::store::testing
