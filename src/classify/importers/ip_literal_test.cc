#include "classify/importers/ip_literal.h"

#include <gtest/gtest.h>

namespace esafety::classify::importers {
namespace {

TEST(importers_IpLiteral, Ipv4) {
  EXPECT_TRUE(isIpv4Literal("192.0.2.1"));
  EXPECT_TRUE(isIpv4Literal("0.0.0.0"));
  EXPECT_TRUE(isIpv4Literal("255.255.255.255"));
  EXPECT_FALSE(isIpv4Literal("256.0.0.1"));
  EXPECT_FALSE(isIpv4Literal("1.2.3"));
  EXPECT_FALSE(isIpv4Literal("1.2.3.4.5"));
  EXPECT_FALSE(isIpv4Literal("1.2.3."));
  EXPECT_FALSE(isIpv4Literal("1..3.4"));
  EXPECT_FALSE(isIpv4Literal("1.2.3.4a"));
  EXPECT_FALSE(isIpv4Literal("1234.2.3.4"));
  EXPECT_FALSE(isIpv4Literal("example.com"));
  EXPECT_FALSE(isIpv4Literal(""));
}

TEST(importers_IpLiteral, Ipv6) {
  EXPECT_TRUE(isIpv6Literal("::"));
  EXPECT_TRUE(isIpv6Literal("::1"));
  EXPECT_TRUE(isIpv6Literal("2001:db8::"));
  EXPECT_TRUE(isIpv6Literal("2001:DB8:0:0:0:0:0:1"));
  EXPECT_TRUE(isIpv6Literal("fe80::1:2"));
  EXPECT_TRUE(isIpv6Literal("::ffff:192.0.2.1"));
  EXPECT_TRUE(isIpv6Literal("1:2:3:4:5:6:192.0.2.1"));
  EXPECT_FALSE(isIpv6Literal("1:2:3:4:5:6:7:8:9"));
  EXPECT_FALSE(isIpv6Literal("1:2:3:4:5:6:7"));
  EXPECT_FALSE(isIpv6Literal("1::2::3"));
  EXPECT_FALSE(isIpv6Literal(":1:2"));
  EXPECT_FALSE(isIpv6Literal("1:2:"));
  EXPECT_FALSE(isIpv6Literal("12345::"));
  EXPECT_FALSE(isIpv6Literal("g::1"));
  EXPECT_FALSE(isIpv6Literal("abc"));
  EXPECT_FALSE(isIpv6Literal(":"));
  EXPECT_FALSE(isIpv6Literal("::ffff:1.2.3"));
}

TEST(importers_IpLiteral, Cidr) {
  EXPECT_TRUE(isIpOrCidr("192.0.2.0/24"));
  EXPECT_TRUE(isIpOrCidr("0.0.0.0/0"));
  EXPECT_TRUE(isIpOrCidr("2001:db8::/32"));
  EXPECT_TRUE(isIpOrCidr("::/128"));
  EXPECT_FALSE(isIpOrCidr("192.0.2.0/33"));
  EXPECT_FALSE(isIpOrCidr("2001:db8::/129"));
  EXPECT_FALSE(isIpOrCidr("192.0.2.0/"));
  EXPECT_FALSE(isIpOrCidr("192.0.2.0/2x"));
  EXPECT_FALSE(isIpOrCidr("example.com/24"));
  EXPECT_FALSE(isIpOrCidr("192.0.2.1/index.html"));
}

}  // namespace
}  // namespace esafety::classify::importers
