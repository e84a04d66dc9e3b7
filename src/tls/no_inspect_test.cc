#include "tls/no_inspect.h"

#include <gtest/gtest.h>

namespace esafety::tls {
namespace {

TEST(NoInspectTest, DefaultListCoversBanksHealthGovernmentAndPinnedApps) {
  auto list = NoInspectList::parse(NoInspectList::defaultText(), "default");
  EXPECT_TRUE(list.problems.empty());
  for (const char* host : {"www.gov.uk", "gov.uk", "www.nhs.uk", "online.hsbc.co.uk",
                           "www.barclays.co.uk", "api.push.apple.com", "itunes.apple.com",
                           "fe2.update.microsoft.com", "www.paypal.com"}) {
    EXPECT_TRUE(list.matches(host)) << host;
  }
  for (const char* host : {"www.bbc.co.uk", "example.com", "notgov.uk", "apple.com", "www.google.com"}) {
    EXPECT_FALSE(list.matches(host)) << host;
  }
}

TEST(NoInspectTest, WildcardAndDotFormsMeanTheSame) {
  auto list = NoInspectList::parse("*.bank.example\n.other.example  # comment\nPLAIN.example\r\n", "f");
  EXPECT_TRUE(list.problems.empty());
  EXPECT_EQ(list.size(), 3u);
  EXPECT_TRUE(list.matches("bank.example"));
  EXPECT_TRUE(list.matches("www.bank.example"));
  EXPECT_TRUE(list.matches("a.b.other.example"));
  EXPECT_TRUE(list.matches("plain.example"));
  EXPECT_TRUE(list.matches("plain.example."));
  EXPECT_FALSE(list.matches("xbank.example"));
}

TEST(NoInspectTest, BadLinesAreReportedWithFileAndLineAndSkipped) {
  auto list = NoInspectList::parse("good.example\nbad example\n\nhttp://x.example/\ngood2.example\n",
                                   "tls/no-inspect.txt");
  ASSERT_EQ(list.problems.size(), 2u);
  EXPECT_EQ(list.problems[0], "tls/no-inspect.txt:2: 'bad example' is not a domain name");
  EXPECT_EQ(list.problems[1].rfind("tls/no-inspect.txt:4:", 0), 0u);
  EXPECT_TRUE(list.matches("good.example"));
  EXPECT_TRUE(list.matches("good2.example"));
}

}  // namespace
}  // namespace esafety::tls
