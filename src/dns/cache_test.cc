#include <gtest/gtest.h>

#include "dns/cache.h"
#include "dns/dns_test_util.h"
#include "dns/rate_limiter.h"

namespace esafety::dns {
namespace {

using namespace testing;

Answer answerFor(std::string_view name, uint32_t ttl, uint8_t last_octet = 4) {
  Name n;
  EXPECT_EQ(nameFromText(name, n), NameError::kOk);
  Bytes r = header(1, 0x8180, 1, 1);
  append(r, wireName(name));
  append(r, {0, 1, 0, 1});
  append(r, record(name, type::kA, ttl, {1, 2, 3, last_octet}));
  Answer a;
  EXPECT_EQ(parseResponse(r, 1, {&n, type::kA, kClassIn}, a), ResponseOutcome::kOk);
  return a;
}

std::string keyFor(std::string_view name) {
  Name n;
  EXPECT_EQ(nameFromText(name, n), NameError::kOk);
  std::string key;
  AnswerCache::makeKey(n, type::kA, kClassIn, key);
  return key;
}

uint32_t firstTtl(const CachedCopy& c) {
  // owner "a.example" (11 bytes) + type + class, then the TTL.
  return load32(&c.records[11 + 4]);
}

TEST(AnswerCacheTest, CountsTtlsDownAndExpires) {
  AnswerCache cache({.max_entries = 100});
  cache.insert(keyFor("a.example"), answerFor("a.example", 60), 1000);
  CachedCopy c;
  ASSERT_TRUE(cache.lookup(keyFor("a.example"), 1000, Freshness::kFreshOnly, c));
  EXPECT_EQ(firstTtl(c), 60u);
  ASSERT_TRUE(cache.lookup(keyFor("A.Example"), 1000 + 25'500, Freshness::kFreshOnly, c));
  EXPECT_EQ(firstTtl(c), 35u);
  EXPECT_FALSE(c.stale);
  EXPECT_FALSE(cache.lookup(keyFor("a.example"), 1000 + 60'000, Freshness::kFreshOnly, c));
  EXPECT_FALSE(cache.lookup(keyFor("a.example"), 1000 + 60'000, Freshness::kAllowStale, c));
  EXPECT_EQ(cache.size(), 0u);  // dropped on the way
}

TEST(AnswerCacheTest, ServesStaleOnlyWhenAskedAndEnabled) {
  AnswerCache cache({.max_entries = 100, .serve_stale = true});
  cache.insert(keyFor("a.example"), answerFor("a.example", 10), 0);
  CachedCopy c;
  EXPECT_FALSE(cache.lookup(keyFor("a.example"), 20'000, Freshness::kFreshOnly, c));
  ASSERT_TRUE(cache.lookup(keyFor("a.example"), 20'000, Freshness::kAllowStale, c));
  EXPECT_TRUE(c.stale);
  EXPECT_EQ(firstTtl(c), 30u);
  // Kept at most max_stale past expiry.
  EXPECT_FALSE(cache.lookup(keyFor("a.example"), 10'000 + 86'400'000, Freshness::kAllowStale, c));
}

TEST(AnswerCacheTest, AnAnswerWithNoRecordsIsCachedToo) {
  // A negative answer kept for its TTL: no records and no TTL offsets (empty
  // vectors, whose data() may be null; dns_message_fuzz found the copy of
  // them undefined under UBSan).
  Answer none;
  none.rcode = 3;  // NXDOMAIN
  none.cache_ttl = 30;
  AnswerCache cache({.max_entries = 100});
  cache.insert(keyFor("gone.example"), none, 1000);
  CachedCopy c;
  ASSERT_TRUE(cache.lookup(keyFor("gone.example"), 2000, Freshness::kFreshOnly, c));
  EXPECT_EQ(c.rcode, 3);
  EXPECT_TRUE(c.records.empty());
}

TEST(AnswerCacheTest, ZeroTtlAndDisabledCacheStoreNothing) {
  AnswerCache cache({.max_entries = 100});
  cache.insert(keyFor("a.example"), answerFor("a.example", 0), 0);
  EXPECT_EQ(cache.size(), 0u);
  AnswerCache off({.max_entries = 0});
  off.insert(keyFor("a.example"), answerFor("a.example", 60), 0);
  CachedCopy c;
  EXPECT_FALSE(off.lookup(keyFor("a.example"), 0, Freshness::kFreshOnly, c));
}

TEST(AnswerCacheTest, StaysWithinItsBoundEvictingLeastRecentlyUsed) {
  AnswerCache cache({.max_entries = 160});  // 10 per shard
  for (int i = 0; i < 5000; ++i) {
    std::string name = "n" + std::to_string(i) + ".example";
    cache.insert(keyFor(name), answerFor(name, 600), 0);
  }
  EXPECT_LE(cache.size(), 160u);
  EXPECT_GE(cache.size(), 100u);
  CachedCopy c;
  EXPECT_TRUE(cache.lookup(keyFor("n4999.example"), 1, Freshness::kFreshOnly, c));
  EXPECT_FALSE(cache.lookup(keyFor("n0.example"), 1, Freshness::kFreshOnly, c));
}

TEST(AnswerCacheTest, ReplacesAnOlderEntry) {
  AnswerCache cache({.max_entries = 100});
  cache.insert(keyFor("a.example"), answerFor("a.example", 60, 4), 0);
  cache.insert(keyFor("a.example"), answerFor("a.example", 60, 9), 0);
  EXPECT_EQ(cache.size(), 1u);
  CachedCopy c;
  ASSERT_TRUE(cache.lookup(keyFor("a.example"), 0, Freshness::kFreshOnly, c));
  EXPECT_EQ(c.records.back(), 9);
}

TEST(RateLimiterTest, BurstThenRefillPerClient) {
  RateLimiter limiter(10);
  const uint8_t a[4] = {10, 0, 0, 1};
  const uint8_t b[4] = {10, 0, 0, 2};
  int allowed = 0;
  for (int i = 0; i < 50; ++i) allowed += limiter.allow(a, 1000);
  EXPECT_EQ(allowed, 10);
  EXPECT_TRUE(limiter.allow(b, 1000));  // another client has its own bucket
  EXPECT_FALSE(limiter.allow(a, 1050));
  EXPECT_TRUE(limiter.allow(a, 1100));  // 100 ms = one token at 10/s
  EXPECT_FALSE(limiter.allow(a, 1100));
}

TEST(RateLimiterTest, OffAllowsEverything) {
  RateLimiter limiter(0);
  EXPECT_FALSE(limiter.enabled());
  const uint8_t a[4] = {10, 0, 0, 1};
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.allow(a, 0));
}

}  // namespace
}  // namespace esafety::dns
