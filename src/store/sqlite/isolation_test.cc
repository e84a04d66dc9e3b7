// Schools are tenants: school 2 never sees school 1's rows, and the schema
// refuses links that cross from one school to another.
#include <sqlite3.h>

#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

class IsolationTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    addCategory("games");
    ESAFETY_ASSERT_OK(store_->saveGroup(
        school_, {.name = "KS1", .blocked_categories = {"games"}}, "a", "r"));
    ESAFETY_ASSERT_OK(store_->addLocalEntry(school_, {.pattern = "x.example", .added_by = "a",
                                                      .reason = "r"}));
    ESAFETY_ASSERT_OK(store_->addDevice(school_, {.name = "iPad", .ip = "127.0.0.11",
                                                  .group = "KS1"}, "a"));
    ESAFETY_ASSERT_OK(store_->addListSource(school_, {.path = "/l", .format = "hosts",
                                                      .added_by = "a"}, "r"));
    ESAFETY_ASSERT_OK(store_->setSetting(school_, "k", "v", "a"));
    auto other = store_->createSchool("Other Primary", "", "la.admin");
    ESAFETY_ASSERT_OK(other);
    other_ = *other;
  }
  SchoolId other_ = 0;
};

TEST_F(IsolationTest, AnotherSchoolSeesNoneOfTheFirstSchoolsRows) {
  EXPECT_TRUE(store_->categories(other_)->empty());
  EXPECT_FALSE(store_->category(other_, "games")->has_value());
  EXPECT_TRUE(store_->groups(other_)->empty());
  EXPECT_FALSE(store_->group(other_, "KS1")->has_value());
  EXPECT_TRUE(store_->localEntries(other_)->empty());
  EXPECT_TRUE(store_->devices(other_)->empty());
  EXPECT_FALSE(store_->deviceByIp(other_, "127.0.0.11")->has_value());
  EXPECT_TRUE(store_->listSources(other_)->empty());
  EXPECT_FALSE(store_->setting(other_, "k")->has_value());
  auto audit = store_->audit(other_, 100);
  ESAFETY_ASSERT_OK(audit);
  ASSERT_EQ(audit->size(), 1u);  // only its own creation
  EXPECT_EQ(audit->front().action, "school.create");
  auto policy = store_->loadPolicy(other_);
  ESAFETY_ASSERT_OK(policy);
  EXPECT_TRUE(policy->categories.empty());
  EXPECT_TRUE(policy->groups.empty());
  EXPECT_TRUE(policy->local_entries.empty());
}

TEST_F(IsolationTest, AnotherSchoolCannotUseOrTouchTheFirstSchoolsRows) {
  // Its groups cannot name the first school's categories.
  EXPECT_EQ(store_->saveGroup(other_, {.name = "KS1", .blocked_categories = {"games"}}, "a", "r")
                .code(), StatusCode::kInvalidArgument);
  // Nor its devices the first school's groups.
  EXPECT_EQ(store_->addDevice(other_, {.name = "d", .group = "KS1"}, "a").status().code(),
            StatusCode::kInvalidArgument);
  // Ids from the first school are not found.
  auto first_device = store_->deviceByIp(school_, "127.0.0.11");
  ESAFETY_ASSERT_OK(first_device);
  EXPECT_EQ(store_->removeDevice(other_, (*first_device)->id, "a").code(), StatusCode::kNotFound);
  auto entries = store_->localEntries(school_);
  ESAFETY_ASSERT_OK(entries);
  EXPECT_EQ(store_->removeLocalEntry(other_, entries->front().id, "a", "r").code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store_->localEntries(school_)->size(), 1u);
}

TEST_F(IsolationTest, SchoolsMayUseTheSameNames) {
  addCategory("games", false, false, other_);
  ESAFETY_ASSERT_OK(store_->saveGroup(other_, {.name = "KS1", .allowed_categories = {"games"}},
                                      "a", "r"));
  ESAFETY_ASSERT_OK(store_->addDevice(other_, {.name = "iPad", .ip = "127.0.0.11",
                                               .group = "KS1"}, "a"));
  auto mine = store_->group(school_, "KS1");
  ESAFETY_ASSERT_OK(mine);
  EXPECT_EQ((*mine)->blocked_categories, std::set<std::string>{"games"});
  EXPECT_TRUE((*mine)->allowed_categories.empty());
}

TEST_F(IsolationTest, TheSchemaRefusesCrossSchoolLinks) {
  addCategory("chess", false, false, other_);
  RawDb raw(dbPath());
  const std::string other = std::to_string(other_);
  // A link in school 2, to school 2's category, but from school 1's group.
  EXPECT_EQ(raw.exec("INSERT INTO group_categories (school_id, group_id, category, kind)"
                     " SELECT " + other + ", id, 'chess', 'blocked' FROM filter_groups"),
            SQLITE_CONSTRAINT_FOREIGNKEY);
  // A device in school 2 pointing at school 1's group by name.
  EXPECT_EQ(raw.exec("INSERT INTO devices (school_id, name, group_name, updated_at)"
                     " VALUES (" + other + ", 'd', 'KS1', 0)"),
            SQLITE_CONSTRAINT_FOREIGNKEY);
  // A row for a school that does not exist.
  EXPECT_EQ(raw.exec("INSERT INTO settings (school_id, key, value, updated_by, updated_at)"
                     " VALUES (999, 'k', 'v', 'a', 0)"),
            SQLITE_CONSTRAINT_FOREIGNKEY);
}

}  // namespace
}  // namespace esafety::store::testing
