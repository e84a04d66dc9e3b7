#include "pages/upstream_refused_page.h"

#include <gtest/gtest.h>

#include "pages/page_test_util.h"

namespace esafety::pages {
namespace {

using testing::contains;

TEST(UpstreamRefusedPage, ChildrenAreToldInTheirWordsWithoutTheTechnicalDetail) {
  RenderedPage page = renderUpstreamRefusedPage({.audience = Audience::kChild,
                                                 .kind = UpstreamRefusal::kInternalAddress,
                                                 .site = "intranet.example",
                                                 .detail = "10.0.0.5 is a private network address",
                                                 .reference = "ES-7K3Q-9D2M"});
  EXPECT_EQ(page.status, 403);
  testing::expectSelfContainedPage(page.html);
  EXPECT_TRUE(contains(page.html, "inside the school's own computers"));
  EXPECT_TRUE(contains(page.html, "ask your teacher"));
  EXPECT_TRUE(contains(page.html, "ES-7K3Q-9D2M"));
  EXPECT_FALSE(contains(page.html, "10.0.0.5"));
}

TEST(UpstreamRefusedPage, AdultsSeeWhatWasRefusedAndWhy) {
  RenderedPage page = renderUpstreamRefusedPage({.audience = Audience::kAdult,
                                                 .kind = UpstreamRefusal::kInternalAddress,
                                                 .site = "intranet.example:8080",
                                                 .detail = "10.0.0.5 is a private network address"});
  EXPECT_TRUE(contains(page.html, "does not open addresses inside the school's network"));
  EXPECT_TRUE(contains(page.html, "intranet.example:8080"));
  EXPECT_TRUE(contains(page.html, "<code>403 internal-address: 10.0.0.5 is a private network address</code>"));
  EXPECT_TRUE(contains(page.html, "internal_allow"));
}

TEST(UpstreamRefusedPage, PortsHaveTheirOwnWords) {
  RenderedPage port = renderUpstreamRefusedPage({.kind = UpstreamRefusal::kPort, .site = "a.example:22"});
  RenderedPage tunnel = renderUpstreamRefusedPage({.kind = UpstreamRefusal::kTunnelPort, .site = "a.example:8443"});
  EXPECT_TRUE(contains(port.html, "http_ports"));
  EXPECT_TRUE(contains(tunnel.html, "different port"));
}

TEST(UpstreamRefusedPage, TheSiteIsEscaped) {
  RenderedPage page = renderUpstreamRefusedPage({.site = "<script>x</script>", .detail = "<b>"});
  EXPECT_FALSE(contains(page.html, "<script>x"));
  EXPECT_TRUE(contains(page.html, "&lt;script&gt;"));
}

}  // namespace
}  // namespace esafety::pages
