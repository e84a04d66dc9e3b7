#include "inspect/search/query_params.h"

#include <gtest/gtest.h>

namespace esafety::search {
namespace {

TEST(QueryParams, FindsTheFirstNonEmptyValue) {
  EXPECT_EQ(findQueryParam("hl=en&q=red+fox", "q"), "red+fox");
  EXPECT_EQ(findQueryParam("q=&q=b&q=c", "q"), "b");
  EXPECT_EQ(findQueryParam("aq=x&qq=y", "q"), "");
  bool found = false;
  EXPECT_EQ(findQueryParam("q", "q", &found), "");
  EXPECT_TRUE(found);
  EXPECT_EQ(findQueryParam("x=1", "q", &found), "");
  EXPECT_FALSE(found);
  EXPECT_EQ(findQueryParam("q=a=b", "q"), "a=b");
}

TEST(QueryParams, DecodesPercentAndPlus) {
  EXPECT_EQ(decodeQueryComponent("a+b%20c%2Bd"), "a b c+d");
  EXPECT_EQ(decodePathComponent("a+b%20c"), "a+b c");
  EXPECT_EQ(decodeQueryComponent("%E2%82%AC"), "\xE2\x82\xAC");
  EXPECT_EQ(decodeQueryComponent("%e2%82%ac"), "\xE2\x82\xAC");
  // Broken escapes stay as they are.
  EXPECT_EQ(decodeQueryComponent("100%"), "100%");
  EXPECT_EQ(decodeQueryComponent("%4"), "%4");
  EXPECT_EQ(decodeQueryComponent("%zz%41"), "%zzA");
}

TEST(QueryParams, ForceAppendsAndReplaces) {
  EXPECT_EQ(forceQueryParam("", "safe", "active"), "safe=active");
  EXPECT_EQ(forceQueryParam("q=x", "safe", "active"), "q=x&safe=active");
  EXPECT_EQ(forceQueryParam("q=x&safe=active", "safe", "active"), "q=x&safe=active");
  EXPECT_EQ(forceQueryParam("safe=active&q=x", "safe", "active"), "q=x&safe=active");
  EXPECT_EQ(forceQueryParam("q=x&Safe=off&&safe", "safe", "active"), "q=x&safe=active");
  EXPECT_EQ(forceQueryParam("q=x&safe=active&safe=active", "safe", "active"), "q=x&safe=active");
}

}  // namespace
}  // namespace esafety::search
