#include "identity/basic_credentials.h"

#include <gtest/gtest.h>

namespace esafety::identity {
namespace {

TEST(BasicCredentialsTest, ParsesTheHeaderBrowsersSend) {
  auto c = parseBasicCredentials("Basic eWVhcjM6dGlnZXI6bGVtb24=");  // year3:tiger:lemon
  ASSERT_TRUE(c);
  EXPECT_EQ(c->login, "year3");
  EXPECT_EQ(c->password, "tiger:lemon");  // only the first ':' separates
  EXPECT_TRUE(parseBasicCredentials("basic   eWVhcjM6eA=="));
}

TEST(BasicCredentialsTest, RefusesOtherSchemesAndJunk) {
  EXPECT_FALSE(parseBasicCredentials(""));
  EXPECT_FALSE(parseBasicCredentials("Bearer abc"));
  EXPECT_FALSE(parseBasicCredentials("Basic !!!!"));
  EXPECT_FALSE(parseBasicCredentials("Basic bm9jb2xvbg=="));  // "nocolon"
  EXPECT_FALSE(parseBasicCredentials("Basic OnBhc3M="));      // ":pass": no login
  EXPECT_FALSE(parseBasicCredentials("Basic " + std::string(2000, 'A')));
}

TEST(CredentialCacheTest, RemembersForTheTtlOnlyAndKeysOnThePassword) {
  CredentialCache cache(300, 2);
  cache.put("Year3", "pw", {.person = 7, .name = "Year 3 login", .group = "KS2"}, 1000);
  auto hit = cache.find("year3", "pw", 1299);  // logins are case-insensitive
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->person, 7);
  EXPECT_FALSE(cache.find("year3", "pw2", 1000));
  EXPECT_FALSE(cache.find("year3", "pw", 1300));
  // Bounded.
  cache.put("a", "1", {}, 1000);
  cache.put("b", "2", {}, 1000);
  cache.put("c", "3", {}, 1000);
  EXPECT_LE(cache.size(), 2u);
}

}  // namespace
}  // namespace esafety::identity
