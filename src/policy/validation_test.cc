#include "policy/validation.h"

#include <gtest/gtest.h>

#include "policy/policy_test_fixture.h"

namespace esafety::policy {
namespace {

using namespace esafety::policy::testing;

std::shared_ptr<const Snapshot> snapshot() {
  return *Snapshot::build(testPolicy(), testIndex(), nullptr);
}

LocalEntry allowEntry(std::string pattern) {
  LocalEntry e;
  e.pattern = std::move(pattern);
  e.action = Action::kAllow;
  e.added_by = "it.technician";
  e.reason = "needed for a lesson";
  return e;
}

TEST(ValidateLocalEntry, RefusesToAllowIllegalSitesInEveryForm) {
  auto snap = snapshot();
  for (const char* pattern : {"iwf-test.example", "WWW.IWF-TEST.EXAMPLE.", "http://iwf-test.example/",
                              "sub.iwf-test.example", "forum.example/abuse",
                              "forum.example/abuse/page", "203.0.113.7", "203.0.113.0/24"}) {
    LocalEntry e = allowEntry(pattern);
    Status s = validateLocalEntry(e, *snap);
    EXPECT_EQ(s.code(), StatusCode::kPermissionDenied) << pattern << ": " << s.toString();
    EXPECT_NE(s.message().find("illegal"), std::string::npos) << s.message();
  }
}

TEST(ValidateLocalEntry, AcceptsOrdinaryEntriesAndNormalisesThem) {
  auto snap = snapshot();
  LocalEntry e = allowEntry("HTTP://Games.Example/Puzzles/");
  ASSERT_TRUE(validateLocalEntry(e, *snap).isOk());
  EXPECT_EQ(e.pattern, "games.example/Puzzles");
  LocalEntry deny = allowEntry("iwf-test.example");
  deny.action = Action::kBlock;
  EXPECT_TRUE(validateLocalEntry(deny, *snap).isOk()) << "blocking illegal sites again is fine";
}

TEST(ValidateLocalEntry, RequiresAReasonAnAuthorAndARealSite) {
  auto snap = snapshot();
  LocalEntry e = allowEntry("games.example");
  e.reason = "";
  EXPECT_EQ(validateLocalEntry(e, *snap).code(), StatusCode::kInvalidArgument);
  e = allowEntry("games.example");
  e.added_by = "";
  EXPECT_EQ(validateLocalEntry(e, *snap).code(), StatusCode::kInvalidArgument);
  e = allowEntry("not a site");
  EXPECT_EQ(validateLocalEntry(e, *snap).code(), StatusCode::kInvalidArgument);
  e = allowEntry("games.example");
  e.group = "Year 12";
  EXPECT_EQ(validateLocalEntry(e, *snap).code(), StatusCode::kInvalidArgument);
}

TEST(ValidateGroup, RefusesAllowingIllegalContent) {
  Group g;
  g.name = "Staff";
  g.allowed_categories = {"illegal"};
  Status s = validateGroup(g, testCategories());
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_NE(s.message().find("nobody, including the system administrator"), std::string::npos);
  g.allowed_categories.clear();
  g.time_rules.push_back({"illegal", 0x1F, 600, 660, Action::kAllow, ""});
  EXPECT_EQ(validateGroup(g, testCategories()).code(), StatusCode::kPermissionDenied);
  g.time_rules = {{"games", 0x1F, 600, 600, Action::kAllow, ""}};
  EXPECT_EQ(validateGroup(g, testCategories()).code(), StatusCode::kInvalidArgument);
  g.time_rules = {{"games", 0x1F, 720, 780, Action::kAllow, ""}};
  EXPECT_TRUE(validateGroup(g, testCategories()).isOk());
}

TEST(ValidateCategoryChange, UnoverridableIsOneWay) {
  CategoryDef illegal{"illegal", "Illegal", "", true, false};
  CategoryDef cleared = illegal;
  cleared.unoverridable = false;
  EXPECT_EQ(validateCategoryChange(&illegal, cleared).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(validateCategoryChange(nullptr, cleared).code(), StatusCode::kPermissionDenied);
  CategoryDef games{"games", "Games", "", false, false};
  CategoryDef games_locked = games;
  games_locked.unoverridable = true;
  EXPECT_TRUE(validateCategoryChange(&games, games_locked).isOk());
}

TEST(ValidateGroup, PhraseLimitAndSearchLevelMustBeInRange) {
  Group g;
  g.name = "KS2";
  EXPECT_TRUE(validateGroup(g, {}).isOk());
  g.phrase_limit = -1;
  Status s = validateGroup(g, {});
  EXPECT_FALSE(s.isOk());
  EXPECT_NE(s.message().find("phrase_limit -1"), std::string::npos) << s.message();
  g.phrase_limit = 0;
  g.block_search_level = 6;
  s = validateGroup(g, {});
  EXPECT_FALSE(s.isOk());
  EXPECT_NE(s.message().find("block_search_level 6"), std::string::npos) << s.message();
}

TEST(PhraseLimit, PupilsGetFiftyOthersOneSixtyAndASetLimitWins) {
  Group g;
  g.name = "KS1";
  EXPECT_EQ(phraseLimitFor(g), 50);
  g.name = "Staff";
  EXPECT_EQ(phraseLimitFor(g), 160);
  g.phrase_limit = 75;
  EXPECT_EQ(phraseLimitFor(g), 75);
  EXPECT_EQ(stepInfo(StepId::kContentCut).name, "content-cut");
  EXPECT_EQ(stepInfo(StepId::kDefault).name, "default");
}

}  // namespace
}  // namespace esafety::policy
