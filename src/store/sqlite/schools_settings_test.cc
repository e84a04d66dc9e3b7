// Schools and settings.
#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

class SchoolsSettingsTest : public StoreTest {};

TEST_F(SchoolsSettingsTest, CreatesAndListsSchools) {
  auto second = store_->createSchool("Second Primary", "", "la.admin");
  ESAFETY_ASSERT_OK(second);
  EXPECT_NE(*second, school_);
  auto all = store_->schools();
  ESAFETY_ASSERT_OK(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "Test Primary");
  EXPECT_EQ((*all)[0].urn, "100001");
  EXPECT_EQ((*all)[1].name, "Second Primary");
  auto one = store_->school(*second);
  ESAFETY_ASSERT_OK(one);
  ASSERT_TRUE(one->has_value());
  EXPECT_EQ((*one)->id, *second);
  auto none = store_->school(12345);
  ESAFETY_ASSERT_OK(none);
  EXPECT_FALSE(none->has_value());
}

TEST_F(SchoolsSettingsTest, RefusesBadOrDuplicateSchools) {
  EXPECT_EQ(store_->createSchool("", "", "a").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->createSchool("X", "12ab", "a").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->createSchool("X", "100001", "a").status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->createSchool("X", "", "").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SchoolsSettingsTest, WritesToAMissingSchoolAreNotFound) {
  policy::CategoryDef c{.name = "x", .title = "X"};
  EXPECT_EQ(store_->upsertCategory(777, c, "a", "r").code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->setSetting(777, "k", "v", "a").code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->appendAudit(777, "a", "login", "", "", "").code(), StatusCode::kNotFound);
}

TEST_F(SchoolsSettingsTest, SettingsRoundTripAndOverwrite) {
  auto missing = store_->setting(school_, "proxy.port");
  ESAFETY_ASSERT_OK(missing);
  EXPECT_FALSE(missing->has_value());
  ESAFETY_ASSERT_OK(store_->setSetting(school_, "proxy.port", "3128", "it.technician"));
  ESAFETY_ASSERT_OK(store_->setSetting(school_, "proxy.port", "8080", "it.technician"));
  auto value = store_->setting(school_, "proxy.port");
  ESAFETY_ASSERT_OK(value);
  ASSERT_TRUE(value->has_value());
  EXPECT_EQ(**value, "8080");
  ESAFETY_ASSERT_OK(store_->setSetting(school_, "empty", "", "a"));
  value = store_->setting(school_, "empty");
  ESAFETY_ASSERT_OK(value);
  ASSERT_TRUE(value->has_value());
  EXPECT_EQ(**value, "");
  EXPECT_EQ(store_->setSetting(school_, "Bad Key", "v", "a").code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace esafety::store::testing
