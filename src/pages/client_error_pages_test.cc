#include "pages/client_error_pages.h"

#include <gtest/gtest.h>

#include "pages/page_test_util.h"

namespace esafety::pages {
namespace {

using testing::contains;

TEST(RefusedPage, Is403AndSaysWhy) {
  RenderedPage page = renderRefusedPage();
  EXPECT_EQ(page.status, 403);
  testing::expectSelfContainedPage(page.html);
  EXPECT_TRUE(contains(page.html, "only works on the school's network"));
  EXPECT_TRUE(contains(page.html, "school Wi-Fi"));
}

TEST(BadRequestPage, KnownStatusesKeepTheirOwnWords) {
  RenderedPage bad = renderBadRequestPage(400, "bad method");
  RenderedPage slow = renderBadRequestPage(408, "");
  RenderedPage big = renderBadRequestPage(431, "header block over 16384 bytes");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(slow.status, 408);
  EXPECT_EQ(big.status, 431);
  for (const RenderedPage* page : {&bad, &slow, &big}) testing::expectSelfContainedPage(page->html);
  EXPECT_TRUE(contains(bad.html, "couldn't understand"));
  EXPECT_TRUE(contains(slow.html, "took too long"));
  EXPECT_TRUE(contains(big.html, "cookies"));
  EXPECT_TRUE(contains(big.html, "<code>431: header block over 16384 bytes</code>"));
}

TEST(BadRequestPage, OtherStatusesBecome400) {
  for (int status : {0, 200, 404, 500, -1}) {
    EXPECT_EQ(renderBadRequestPage(status, "").status, 400) << status;
  }
}

TEST(BadRequestPage, ReasonIsEscaped) {
  RenderedPage page = renderBadRequestPage(400, "<script>alert(1)</script>");
  testing::expectSelfContainedPage(page.html);
  EXPECT_TRUE(contains(page.html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
}

}  // namespace
}  // namespace esafety::pages
