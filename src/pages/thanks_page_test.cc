#include "pages/thanks_page.h"

#include <gtest/gtest.h>

#include "pages/page_test_util.h"

namespace esafety::pages {
namespace {

using testing::contains;

TEST(ThanksPage, ChildIsToldTheirTeacherKnows) {
  std::string html = renderThanksPage(ThanksKind::kToldTeacher, Audience::kChild);
  testing::expectSelfContainedPage(html);
  EXPECT_TRUE(contains(html, "Your teacher has been told."));
  EXPECT_TRUE(contains(html, "You did the right thing"));
  EXPECT_TRUE(contains(html, "A happy owl"));
  EXPECT_TRUE(contains(html, "<body class=\"child\">"));
}

TEST(ThanksPage, ChildAskedForACheck) {
  std::string html = renderThanksPage(ThanksKind::kAskedCheck, Audience::kChild);
  testing::expectSelfContainedPage(html);
  EXPECT_TRUE(contains(html, "A grown-up will check this website."));
}

TEST(ThanksPage, AdultVersionsArePlain) {
  std::string told = renderThanksPage(ThanksKind::kToldTeacher, Audience::kAdult);
  std::string asked = renderThanksPage(ThanksKind::kAskedCheck, Audience::kAdult);
  for (const std::string& html : {told, asked}) {
    testing::expectSelfContainedPage(html);
    EXPECT_TRUE(contains(html, "<body class=\"adult\">"));
    EXPECT_FALSE(contains(html, "<svg"));
  }
  EXPECT_TRUE(contains(told, "A teacher has been told."));
  EXPECT_TRUE(contains(asked, "Your request has been sent."));
}

TEST(PageTestUtil, CatchesWhatItChecksFor) {
  EXPECT_NE(testing::tagBalanceProblem("<p onclick=\"x\">a</p>"), "");
  EXPECT_NE(testing::tagBalanceProblem("<div><p></div>"), "");
  EXPECT_NE(testing::tagBalanceProblem("<main>"), "");
  EXPECT_EQ(testing::tagBalanceProblem("<p title=\"a onclick=b\">x<br></p>"), "");
}

}  // namespace
}  // namespace esafety::pages
