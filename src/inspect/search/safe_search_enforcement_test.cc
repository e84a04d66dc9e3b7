#include "inspect/search/safe_search_enforcement.h"

#include <gtest/gtest.h>

namespace esafety::search {
namespace {

const SafeSearchSettings kStrict;
const SafeSearchSettings kModerate{.youtube = YouTubeRestrict::kModerate};

// The request target after enforcement, applied once and then again.
std::string enforceTwice(std::string_view host, std::string_view path, std::string_view query) {
  SafeSearchEdit once = enforceSafeSearch(host, path, query, kStrict);
  SafeSearchEdit twice = enforceSafeSearch(host, path, once.query, kStrict);
  EXPECT_EQ(twice.query, once.query) << "not idempotent for " << host << " " << query;
  EXPECT_FALSE(twice.query_changed) << host << " " << query;
  return safeSearchTarget(path, once);
}

TEST(SafeSearchEnforcement, GoogleGetsSafeActiveOnEveryCountryDomain) {
  EXPECT_EQ(enforceTwice("www.google.co.uk", "/search", "q=fox"), "/search?q=fox&safe=active");
  EXPECT_EQ(enforceTwice("www.google.com", "/search", "q=fox&hl=en"),
            "/search?q=fox&hl=en&safe=active");
  EXPECT_EQ(enforceTwice("google.de", "/search", "q=fuchs"), "/search?q=fuchs&safe=active");
  EXPECT_EQ(enforceTwice("www.google.com", "/search", "tbm=isch&q=fox"),
            "/search?tbm=isch&q=fox&safe=active");
}

TEST(SafeSearchEnforcement, ConflictingValuesAreReplaced) {
  EXPECT_EQ(enforceTwice("www.google.com", "/search", "q=fox&safe=off"),
            "/search?q=fox&safe=active");
  EXPECT_EQ(enforceTwice("www.google.com", "/search", "safe=off&q=fox"),
            "/search?q=fox&safe=active");
  EXPECT_EQ(enforceTwice("www.google.com", "/search", "SAFE=images&q=fox&safe=off&safe=active"),
            "/search?q=fox&safe=active");
  EXPECT_EQ(enforceTwice("www.bing.com", "/search", "q=fox&adlt=off"), "/search?q=fox&adlt=strict");
  EXPECT_EQ(enforceTwice("duckduckgo.com", "/", "q=fox&kp=-2"), "/?q=fox&kp=1");
  EXPECT_EQ(enforceTwice("duckduckgo.com", "/", "kp=-1&q=fox"), "/?q=fox&kp=1");
}

TEST(SafeSearchEnforcement, AlreadySafeRequestsAreLeftAlone) {
  SafeSearchEdit edit =
      enforceSafeSearch("www.google.com", "/search", "q=fox&safe=active", kStrict);
  EXPECT_FALSE(edit.query_changed);
  EXPECT_EQ(edit.query, "q=fox&safe=active");
  EXPECT_FALSE(edit.changesAnything());
}

TEST(SafeSearchEnforcement, ParametersThatOnlyLookAlikeStay) {
  // "unsafe" and "safesearch" are other parameters; their bytes stay as sent.
  EXPECT_EQ(enforceTwice("www.google.com", "/search", "q=safe%3Doff&unsafe=1&safesearch=x"),
            "/search?q=safe%3Doff&unsafe=1&safesearch=x&safe=active");
}

TEST(SafeSearchEnforcement, BingAndDuckDuckGo) {
  EXPECT_EQ(enforceTwice("www.bing.com", "/images/search", "q=owl"),
            "/images/search?q=owl&adlt=strict");
  EXPECT_EQ(enforceTwice("edgeservices.bing.com", "/edgesvc/chat", "q=hi"),
            "/edgesvc/chat?q=hi&adlt=strict");
  EXPECT_EQ(enforceTwice("duckduckgo.com", "/", "q=owl&ia=web"), "/?q=owl&ia=web&kp=1");
  EXPECT_EQ(enforceTwice("start.duckduckgo.com", "/", "q=owl"), "/?q=owl&kp=1");
}

TEST(SafeSearchEnforcement, RequestsWithoutAQueryAreNotTouched) {
  SafeSearchEdit edit =
      enforceSafeSearch("www.google.com", "/images/branding/logo.png", "", kStrict);
  EXPECT_NE(edit.rule, nullptr);
  EXPECT_FALSE(edit.changesAnything());
  EXPECT_EQ(safeSearchTarget("/images/branding/logo.png", edit), "/images/branding/logo.png");
}

TEST(SafeSearchEnforcement, YouTubeGetsTheRestrictHeaderOnEveryRequest) {
  for (std::string_view host : {"www.youtube.com", "m.youtube.com", "youtubei.googleapis.com",
                                "youtube.googleapis.com", "www.youtube-nocookie.com"}) {
    SafeSearchEdit edit = enforceSafeSearch(host, "/watch", "v=abc", kStrict);
    ASSERT_EQ(edit.headers.size(), 1u) << host;
    EXPECT_EQ(edit.headers[0].name, "YouTube-Restrict");
    EXPECT_EQ(edit.headers[0].value, "Strict");
    EXPECT_FALSE(edit.query_changed);  // YouTube has no parameter in STANDARDS.md
  }
  SafeSearchEdit moderate = enforceSafeSearch("www.youtube.com", "/", "", kModerate);
  ASSERT_EQ(moderate.headers.size(), 1u);
  EXPECT_EQ(moderate.headers[0].name, "YouTube-Restrict");
  EXPECT_EQ(moderate.headers[0].value, "Moderate");
}

TEST(SafeSearchEnforcement, EnginesWithOnlyASafeHostGetNoRequestChanges) {
  for (std::string_view host : {"www.ecosia.org", "search.brave.com", "pixabay.com"}) {
    SafeSearchEdit edit = enforceSafeSearch(host, "/search", "q=owl", kStrict);
    EXPECT_NE(edit.rule, nullptr) << host;
    EXPECT_FALSE(edit.changesAnything()) << host;
  }
}

TEST(SafeSearchEnforcement, OtherSitesAreNotTouched) {
  for (std::string_view host :
       {"www.example.com", "search.yahoo.com", "mail.google.com", "www.google.com.evil.example"}) {
    SafeSearchEdit edit = enforceSafeSearch(host, "/search", "q=owl&safe=off", kStrict);
    EXPECT_EQ(edit.rule, nullptr) << host;
    EXPECT_FALSE(edit.changesAnything());
    EXPECT_EQ(edit.query, "q=owl&safe=off");
  }
}

TEST(SafeSearchEnforcement, ConnectTargetsFollowTheDnsTable) {
  EXPECT_EQ(connectSafeHost("www.google.co.uk", kStrict), "forcesafesearch.google.com");
  EXPECT_EQ(connectSafeHost("www.google.com", kStrict), "forcesafesearch.google.com");
  EXPECT_EQ(connectSafeHost("www.youtube.com", kStrict), "restrict.youtube.com");
  EXPECT_EQ(connectSafeHost("www.youtube.com", kModerate), "restrictmoderate.youtube.com");
  EXPECT_EQ(connectSafeHost("m.youtube.com", kModerate), "restrictmoderate.youtube.com");
  EXPECT_EQ(connectSafeHost("www.bing.com", kStrict), "strict.bing.com");
  EXPECT_EQ(connectSafeHost("duckduckgo.com", kStrict), "safe.duckduckgo.com");
  EXPECT_EQ(connectSafeHost("www.ecosia.org", kStrict), "strict-safe-search.ecosia.org");
  EXPECT_EQ(connectSafeHost("search.brave.com", kStrict), "safesearch.brave.com");
  EXPECT_EQ(connectSafeHost("www.example.com", kStrict), "");
  EXPECT_EQ(connectSafeHost("forcesafesearch.google.com", kStrict), "");
}

TEST(SafeSearchEnforcement, YouTubeRestrictConfigValues) {
  YouTubeRestrict value = YouTubeRestrict::kStrict;
  EXPECT_TRUE(parseYouTubeRestrict("moderate", &value));
  EXPECT_EQ(value, YouTubeRestrict::kModerate);
  EXPECT_TRUE(parseYouTubeRestrict("strict", &value));
  EXPECT_EQ(value, YouTubeRestrict::kStrict);
  EXPECT_FALSE(parseYouTubeRestrict("off", &value));
  EXPECT_FALSE(parseYouTubeRestrict("Strict", &value));
}

}  // namespace
}  // namespace esafety::search
