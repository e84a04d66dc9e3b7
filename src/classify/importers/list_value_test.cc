#include "classify/importers/list_value.h"

#include <gtest/gtest.h>

namespace esafety::classify::importers {
namespace {

void expectValue(std::string_view raw, EntryKind kind, std::string_view text) {
  auto value = parseListValue(raw);
  ASSERT_TRUE(value.isOk()) << raw << ": " << value.status().message();
  EXPECT_EQ(value->kind, kind) << raw;
  EXPECT_EQ(value->text, text) << raw;
}

TEST(importers_ListValue, Kinds) {
  expectValue("example.com", EntryKind::kDomain, "example.com");
  expectValue("*.example.com", EntryKind::kDomain, "example.com");
  expectValue(".gov", EntryKind::kDomain, "gov");
  expectValue("HTTP://Example.com", EntryKind::kDomain, "Example.com");
  expectValue("https://example.com/", EntryKind::kDomain, "example.com");
  expectValue("example.com/path?q=1", EntryKind::kUrl, "example.com/path?q=1");
  expectValue("https://example.com/a/b", EntryKind::kUrl, "example.com/a/b");
  expectValue("192.0.2.1", EntryKind::kCidr, "192.0.2.1");
  expectValue("192.0.2.0/24", EntryKind::kCidr, "192.0.2.0/24");
  expectValue("2001:db8::/32", EntryKind::kCidr, "2001:db8::/32");
  expectValue("[2001:db8::1]", EntryKind::kCidr, "2001:db8::1");
  expectValue("192.0.2.1/admin", EntryKind::kUrl, "192.0.2.1/admin");
}

TEST(importers_ListValue, Errors) {
  EXPECT_FALSE(parseListValue("two words").isOk());
  EXPECT_FALSE(parseListValue("ftp://example.com").isOk());
  EXPECT_FALSE(parseListValue("*.").isOk());
  EXPECT_FALSE(parseListValue("http://").isOk());
  EXPECT_FALSE(parseListValue("/path").isOk());
}

TEST(importers_ListValue, InlineComments) {
  EXPECT_EQ(stripInlineComment("a.example # why"), "a.example");
  EXPECT_EQ(stripInlineComment("a.example#why"), "a.example");
  EXPECT_EQ(stripInlineComment("# all comment"), "");
  EXPECT_EQ(stripInlineComment("a.example"), "a.example");
}

}  // namespace
}  // namespace esafety::classify::importers
