// List sources: the files the category index is compiled from.
#include "store/sqlite/test_store.h"

namespace esafety::store::testing {
namespace {

class ListSourcesTest : public StoreTest {};

TEST_F(ListSourcesTest, RoundTripsASourceAndItsCounts) {
  addCategory("gambling");
  auto id = store_->addListSource(school_, {.path = "/srv/lists/gambling/domains",
                                            .format = "squidguard", .category = "gambling",
                                            .added_by = "it.technician"}, "r");
  ESAFETY_ASSERT_OK(id);
  ESAFETY_ASSERT_OK(store_->updateListSourceCounts(school_, *id, 4500000, 12, "system"));
  auto all = store_->listSources(school_);
  ESAFETY_ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u);
  const policy::ListSource& s = all->front();
  EXPECT_EQ(s.id, *id);
  EXPECT_EQ(s.path, "/srv/lists/gambling/domains");
  EXPECT_EQ(s.format, "squidguard");
  EXPECT_EQ(s.category, "gambling");
  EXPECT_EQ(s.added_by, "it.technician");
  EXPECT_EQ(s.added_at, kStartTime);
  EXPECT_EQ(s.entries, 4500000u);
  EXPECT_EQ(s.rejected, 12u);
}

TEST_F(ListSourcesTest, ASourceWithoutCategoryNamesItsOwn) {
  auto id = store_->addListSource(school_, {.path = "/srv/ut1", .format = "squidguard",
                                            .added_by = "a"}, "r");
  ESAFETY_ASSERT_OK(id);
  auto all = store_->listSources(school_);
  ESAFETY_ASSERT_OK(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ(all->front().category, "");
}

TEST_F(ListSourcesTest, RefusesUnknownCategoriesAndDuplicates) {
  EXPECT_EQ(store_->addListSource(school_, {.path = "/x", .format = "hosts", .category = "nope",
                                            .added_by = "a"}, "r").status().code(),
            StatusCode::kInvalidArgument);
  ESAFETY_ASSERT_OK(store_->addListSource(school_, {.path = "/x", .format = "hosts", .added_by = "a"}, "r"));
  EXPECT_EQ(store_->addListSource(school_, {.path = "/x", .format = "hosts", .added_by = "a"}, "r")
                .status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->addListSource(school_, {.path = "/y", .format = "hosts"}, "r").status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(ListSourcesTest, AddingNeedsAReasonKeptInItsOneAuditRow) {
  Status refused =
      store_->addListSource(school_, {.path = "/x", .format = "hosts", .added_by = "a"}, "")
          .status();
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.message(), "a reason is required");
  EXPECT_TRUE(store_->listSources(school_)->empty());
  ESAFETY_ASSERT_OK(store_->addListSource(
      school_, {.path = "/x", .format = "hosts", .added_by = "it"}, "The trust's new list"));
  auto rows = store_->audit(school_, 10);
  ESAFETY_ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 2u);  // school.create and the list
  EXPECT_EQ(rows->front().action, "list_source.add");
  EXPECT_EQ(rows->front().actor, "it");
  EXPECT_EQ(rows->front().target, "/x");
  EXPECT_EQ(rows->front().reason, "The trust's new list");
}

TEST_F(ListSourcesTest, RemovingNeedsAReason) {
  auto id = store_->addListSource(school_, {.path = "/x", .format = "hosts", .added_by = "a"}, "r");
  ESAFETY_ASSERT_OK(id);
  EXPECT_EQ(store_->removeListSource(school_, *id, "a", "").code(), StatusCode::kInvalidArgument);
  ESAFETY_ASSERT_OK(store_->removeListSource(school_, *id, "a", "provider closed"));
  auto all = store_->listSources(school_);
  ESAFETY_ASSERT_OK(all);
  EXPECT_TRUE(all->empty());
  EXPECT_EQ(store_->removeListSource(school_, *id, "a", "again").code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->updateListSourceCounts(school_, *id, 1, 0, "system").code(),
            StatusCode::kNotFound);
}

TEST_F(ListSourcesTest, AListForAnUnoverridableCategoryCannotBeRemoved) {
  addCategory("illegal", /*unoverridable=*/true);
  auto id = store_->addListSource(school_, {.path = "/srv/iwf.txt", .format = "plain",
                                            .category = "illegal", .added_by = "a"}, "r");
  ESAFETY_ASSERT_OK(id);
  Status refused = store_->removeListSource(school_, *id, "la.admin", "tidying up");
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("cannot be removed"), std::string::npos) << refused.message();
  auto all = store_->listSources(school_);
  ESAFETY_ASSERT_OK(all);
  EXPECT_EQ(all->size(), 1u);
}

}  // namespace
}  // namespace esafety::store::testing
