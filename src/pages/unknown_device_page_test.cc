#include "pages/unknown_device_page.h"

#include <gtest/gtest.h>

#include "pages/page_test_util.h"

namespace esafety::pages {
namespace {

using testing::contains;

TEST(UnknownDevicePage, PointsVisitorsToTheVisitorSignIn) {
  RenderedPage page = renderUnknownDevicePage({.console_base = "https://esafety.school.internal",
                                               .school_name = "St Mary's",
                                               .device_address = "10.20.4.117"});
  EXPECT_EQ(page.status, 511);
  testing::expectSelfContainedPage(page.html);
  EXPECT_TRUE(contains(page.html, "href=\"https://esafety.school.internal/visitor\""));
  EXPECT_TRUE(contains(page.html, "Visitor sign-in"));
  EXPECT_TRUE(contains(page.html, "from home can't join"));
  EXPECT_TRUE(contains(page.html, "you're not in trouble"));
  EXPECT_TRUE(contains(page.html, "10.20.4.117"));
  EXPECT_TRUE(contains(page.html, "St Mary&#39;s"));
}

TEST(UnknownDevicePage, EscapesAndOmitsWhatItIsNotGiven) {
  RenderedPage page = renderUnknownDevicePage(
      {.console_base = "javascript:alert(1)", .school_name = "", .device_address = "<b>x</b>"});
  testing::expectSelfContainedPage(page.html);
  EXPECT_FALSE(contains(page.html, "javascript:"));
  EXPECT_TRUE(contains(page.html, "href=\"/visitor\""));
  EXPECT_TRUE(contains(page.html, "&lt;b&gt;x&lt;/b&gt;"));
  EXPECT_FALSE(contains(page.html, "<header>"));

  RenderedPage bare = renderUnknownDevicePage({});
  EXPECT_FALSE(contains(bare.html, "this device's address"));
}

}  // namespace
}  // namespace esafety::pages
