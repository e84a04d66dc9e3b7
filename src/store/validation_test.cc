// The input checks every backend shares.
#include "store/validation.h"

#include <gtest/gtest.h>

namespace esafety::store {
namespace {

TEST(Validation, CategoryNames) {
  EXPECT_TRUE(validateCategoryName("malware-hacking").isOk());
  EXPECT_TRUE(validateCategoryName("ks2").isOk());
  EXPECT_FALSE(validateCategoryName("").isOk());
  EXPECT_FALSE(validateCategoryName("Games").isOk());
  EXPECT_FALSE(validateCategoryName("-games").isOk());
  EXPECT_FALSE(validateCategoryName("games/adult").isOk());
  EXPECT_FALSE(validateCategoryName(std::string(65, 'a')).isOk());
}

TEST(Validation, ReasonsAndActors) {
  EXPECT_EQ(validateReason("").message(), "a reason is required");
  EXPECT_TRUE(validateReason("Year 5 topic work").isOk());
  EXPECT_FALSE(validateActor("").isOk());
  EXPECT_FALSE(validateActor("bad\nname").isOk());
}

TEST(Validation, TimeRules) {
  policy::TimeRule rule{.category = "games", .start_minute = 720, .end_minute = 780};
  EXPECT_TRUE(validateTimeRule(rule).isOk());
  rule.end_minute = 60;  // past midnight is fine
  EXPECT_TRUE(validateTimeRule(rule).isOk());
  rule.end_minute = 720;
  EXPECT_FALSE(validateTimeRule(rule).isOk());
  rule.end_minute = 1441;
  EXPECT_FALSE(validateTimeRule(rule).isOk());
  rule = {.category = "games", .days = 0x80, .start_minute = 0, .end_minute = 10};
  EXPECT_FALSE(validateTimeRule(rule).isOk());
}

TEST(Validation, Addresses) {
  EXPECT_EQ(canonicalIpAddress("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(canonicalIpAddress("0:0:0:0:0:0:0:1"), "::1");
  EXPECT_EQ(canonicalIpAddress("FE80::1"), "fe80::1");
  EXPECT_EQ(canonicalIpAddress("127.0.0.1 "), "");
  EXPECT_EQ(canonicalIpAddress("example.com"), "");
  EXPECT_EQ(canonicalMacAddress("AA:BB:CC:DD:EE:FF"), "aa:bb:cc:dd:ee:ff");
  EXPECT_TRUE(validateDevice({.name = "d", .mac = "AA:BB:CC:DD:EE:FF"}).isOk());
  EXPECT_FALSE(validateDevice({.name = "d", .mac = "AA-BB-CC-DD-EE-FF"}).isOk());
  EXPECT_FALSE(validateDevice({.name = ""}).isOk());
}

TEST(Validation, Urns) {
  EXPECT_TRUE(validateUrn("").isOk());
  EXPECT_TRUE(validateUrn("123456").isOk());
  EXPECT_FALSE(validateUrn("12345a").isOk());
}

}  // namespace
}  // namespace esafety::store
