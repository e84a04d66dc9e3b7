#include "policy/safe_search.h"

#include <gtest/gtest.h>

namespace esafety::policy {
namespace {

TEST(SafeSearch, EveryGoogleCountryDomainGoesToForceSafeSearch) {
  EXPECT_GT(googleSearchDomains().size(), 180u);
  for (std::string_view domain : googleSearchDomains()) {
    std::string www = "www." + std::string(domain);
    const SafeSearchRule* rule = findSafeSearch(www);
    ASSERT_NE(rule, nullptr) << www;
    EXPECT_EQ(rule->rewrite_host, "forcesafesearch.google.com");
    EXPECT_NE(findSafeSearch(domain), nullptr) << domain;
  }
}

TEST(SafeSearch, TheOtherEnginesFromTheStandardsTable) {
  const std::pair<const char*, const char*> kExpected[] = {
      {"www.youtube.com", "restrict.youtube.com"},
      {"m.youtube.com", "restrict.youtube.com"},
      {"youtubei.googleapis.com", "restrict.youtube.com"},
      {"youtube.googleapis.com", "restrict.youtube.com"},
      {"www.youtube-nocookie.com", "restrict.youtube.com"},
      {"www.bing.com", "strict.bing.com"},
      {"edgeservices.bing.com", "strict.bing.com"},
      {"duckduckgo.com", "safe.duckduckgo.com"},
      {"start.duckduckgo.com", "safe.duckduckgo.com"},
      {"www.ecosia.org", "strict-safe-search.ecosia.org"},
      {"search.brave.com", "safesearch.brave.com"},
      {"pixabay.com", "safesearch.pixabay.com"},
  };
  for (const auto& [host, target] : kExpected) {
    const SafeSearchRule* rule = findSafeSearch(host);
    ASSERT_NE(rule, nullptr) << host;
    EXPECT_EQ(rule->rewrite_host, target) << host;
  }
  EXPECT_EQ(findSafeSearch("www.youtube.com")->header, "YouTube-Restrict: Strict");
}

TEST(SafeSearch, LookalikesAreNotSearchEngines) {
  EXPECT_EQ(findSafeSearch("www.google.com.evil.example"), nullptr);
  EXPECT_EQ(findSafeSearch("mail.google.com"), nullptr);
  EXPECT_EQ(findSafeSearch("notgoogle.com"), nullptr);
  EXPECT_EQ(findSafeSearch("g.co"), nullptr);
}

}  // namespace
}  // namespace esafety::policy
