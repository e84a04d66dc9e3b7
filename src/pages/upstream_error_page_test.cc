#include "pages/upstream_error_page.h"

#include <gtest/gtest.h>

#include <set>

#include "pages/page_test_util.h"

namespace esafety::pages {
namespace {

using testing::contains;

constexpr UpstreamError kAll[] = {UpstreamError::kDnsFailure, UpstreamError::kConnectionRefused,
                                  UpstreamError::kTimeout,    UpstreamError::kConnectionReset,
                                  UpstreamError::kTlsFailure, UpstreamError::kBadResponse};

std::string titleOf(const std::string& html) {
  size_t start = html.find("<title>") + 7;
  return html.substr(start, html.find("</title>") - start);
}

TEST(UpstreamErrorPage, EachKindHasItsOwnTitleAndStatus) {
  std::set<std::string> titles;
  for (UpstreamError kind : kAll) {
    RenderedPage page = renderUpstreamErrorPage(kind, "museum.example", "connect: refused");
    testing::expectSelfContainedPage(page.html);
    EXPECT_EQ(page.status, kind == UpstreamError::kTimeout ? 504 : 502);
    EXPECT_EQ(page.status, upstreamErrorStatus(kind));
    EXPECT_TRUE(contains(page.html, "museum.example"));
    EXPECT_TRUE(contains(page.html, "Technical details"));
    EXPECT_TRUE(contains(page.html, std::string(upstreamErrorName(kind))));
    EXPECT_TRUE(contains(page.html, "connect: refused"));
    titles.insert(titleOf(page.html));
  }
  EXPECT_EQ(titles.size(), std::size(kAll));
}

TEST(UpstreamErrorPage, PlainTitles) {
  EXPECT_TRUE(contains(renderUpstreamErrorPage(UpstreamError::kDnsFailure, "x.example", "").html,
                       "We can't find this website"));
  EXPECT_TRUE(contains(renderUpstreamErrorPage(UpstreamError::kTimeout, "x.example", "").html,
                       "This website is taking too long"));
  EXPECT_TRUE(contains(renderUpstreamErrorPage(UpstreamError::kConnectionReset, "x", "").html,
                       "stopped loading part-way"));
}

TEST(UpstreamErrorPage, HostAndDetailAreEscapedAndCut) {
  const std::string attack = "\"><script>alert(1)</script>";
  RenderedPage page = renderUpstreamErrorPage(
      UpstreamError::kBadResponse, attack + std::string(500, 'h'), attack + std::string(5000, 'd'));
  testing::expectSelfContainedPage(page.html);
  EXPECT_TRUE(contains(page.html, "&lt;script&gt;"));
  EXPECT_FALSE(contains(page.html, std::string(200, 'h')));
  EXPECT_FALSE(contains(page.html, std::string(400, 'd')));
}

TEST(UpstreamErrorPage, NoHostNoWebsiteRow) {
  RenderedPage page = renderUpstreamErrorPage(UpstreamError::kTlsFailure, "", "");
  EXPECT_FALSE(contains(page.html, "<dt>Website</dt>"));
  EXPECT_TRUE(contains(page.html, "<code>502 tls-failure</code>"));
}

TEST(UpstreamErrorPageTest, CertificateFailuresSayWhatWasFound) {
  RenderedPage page = renderUpstreamErrorPage(
      UpstreamError::kTlsFailure, "old.example",
      "the website's security certificate has expired (certificate has expired)");
  EXPECT_NE(page.html.find("What we found: the website&#39;s security certificate has expired."),
            std::string::npos)
      << page.html;
  RenderedPage other = renderUpstreamErrorPage(UpstreamError::kTimeout, "slow.example", "no reply");
  EXPECT_EQ(other.html.find("What we found"), std::string::npos);
}

}  // namespace
}  // namespace esafety::pages
