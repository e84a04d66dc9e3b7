#include "classify/category_index.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace esafety::classify {
namespace {

ListEntry entry(EntryKind kind, std::string category, std::string value, uint32_t line,
                bool exception = false) {
  ListEntry e;
  e.kind = kind;
  e.category = std::move(category);
  e.value = std::move(value);
  e.exception = exception;
  e.where = {"lists/" + e.category, line};
  return e;
}

class CategoryIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    builder_.declareCategory("educational");
    add(EntryKind::kDomain, "pornography", "adult.example", 3);
    add(EntryKind::kDomain, "gambling", "Casino.Example.", 7);
    add(EntryKind::kDomain, "games", "example.org", 1);
    add(EntryKind::kDomain, "games", "good.example.org", 2, /*exception=*/true);
    add(EntryKind::kUrl, "violence", "news.example/fights", 11);
    add(EntryKind::kUrl, "drugs", "http://www.shop.example/cart/weed/", 12);
    add(EntryKind::kUrl, "piracy", "video.example/watch?v=abc123", 13);
    add(EntryKind::kCidr, "circumvention", "192.0.2.0/24", 20);
    add(EntryKind::kCidr, "malware-hacking", "192.0.2.66", 21);
    add(EntryKind::kCidr, "circumvention", "2001:db8::/32", 22);
    add(EntryKind::kDomain, "malware-hacking", "198.51.100.7", 23);
    add(EntryKind::kExpression, "pornography", "(^|[-./])(xxx|porn)([-./]|$)", 30);
    add(EntryKind::kDomain, "pornography", "b\xc3\xbc" "cher-adult.example", 31);
    ProblemList problems;
    auto bytes = builder_.build(problems);
    ASSERT_TRUE(bytes) << bytes.status().toString();
    EXPECT_TRUE(problems.problems().empty());
    auto index = CategoryIndex::fromBytes(std::move(*bytes));
    ASSERT_TRUE(index) << index.status().toString();
    index_ = *index;
  }

  void add(EntryKind kind, std::string category, std::string value, uint32_t line,
           bool exception = false) {
    Status s = builder_.add(entry(kind, std::move(category), std::move(value), line, exception));
    ASSERT_TRUE(s.isOk()) << s.toString();
  }

  // Category names a URL falls in, sorted.
  std::vector<std::string> categoriesOf(std::string_view url_text) {
    auto url = normalizeUrl(url_text);
    EXPECT_TRUE(url) << url.status().toString();
    index_->classifyUrl(*url, c_);
    std::vector<std::string> names;
    for (size_t i = 0; i < index_->categoryCount(); ++i) {
      if (c_.has(static_cast<CategoryId>(i))) names.emplace_back(index_->categoryName(i));
    }
    std::sort(names.begin(), names.end());
    return names;
  }
  using V = std::vector<std::string>;

  IndexBuilder builder_;
  std::shared_ptr<const CategoryIndex> index_;
  Classification c_;
};

TEST_F(CategoryIndexTest, HostMatchesItselfAndEverySubdomain) {
  EXPECT_EQ(categoriesOf("adult.example"), V{"pornography"});
  EXPECT_EQ(categoriesOf("http://www.adult.example/"), V{"pornography"});
  EXPECT_EQ(categoriesOf("http://a.b.c.adult.example/x"), V{"pornography"});
  EXPECT_EQ(categoriesOf("http://notadult.example/"), V{});
  EXPECT_EQ(categoriesOf("http://adult.example.org.uk/"), V{});
  EXPECT_EQ(categoriesOf("http://CASINO.example:8080/"), V{"gambling"});
}

TEST_F(CategoryIndexTest, ExplanationNamesTheEntryFileAndLine) {
  auto url = normalizeUrl("http://www.adult.example/page");
  index_->classifyUrl(*url, c_);
  auto id = index_->categoryId("pornography");
  ASSERT_TRUE(id);
  auto match = c_.matchFor(*id);
  ASSERT_TRUE(match);
  EXPECT_EQ(match->entry, "adult.example");
  EXPECT_EQ(match->kind, EntryKind::kDomain);
  EXPECT_EQ(index_->sourceName(match->source), "lists/pornography");
  EXPECT_EQ(match->line, 3u);
}

TEST_F(CategoryIndexTest, IdnEntryMatchesPunycodeRequest) {
  EXPECT_EQ(categoriesOf("http://xn--bcher-adult-thb.example/"), V{"pornography"});
  EXPECT_EQ(categoriesOf("http://B\xc3\x9c" "CHER-adult.example/"), V{"pornography"});
}

TEST_F(CategoryIndexTest, ExceptionTakesASubdomainOutOfItsCategoryOnly) {
  EXPECT_EQ(categoriesOf("http://example.org/"), V{"games"});
  EXPECT_EQ(categoriesOf("http://play.example.org/"), V{"games"});
  EXPECT_EQ(categoriesOf("http://good.example.org/"), V{});
  EXPECT_EQ(categoriesOf("http://www.good.example.org/"), V{});
}

TEST_F(CategoryIndexTest, UrlEntriesMatchPathPrefixesOnSegmentBoundaries) {
  EXPECT_EQ(categoriesOf("http://news.example/fights"), V{"violence"});
  EXPECT_EQ(categoriesOf("http://news.example/fights/"), V{"violence"});
  EXPECT_EQ(categoriesOf("http://news.example/fights/round-2?x=1"), V{"violence"});
  EXPECT_EQ(categoriesOf("http://m.news.example/fights/today"), V{"violence"});
  EXPECT_EQ(categoriesOf("http://news.example/fightsclub"), V{});
  EXPECT_EQ(categoriesOf("http://news.example/"), V{});
  EXPECT_EQ(categoriesOf("http://news.example/a/../fights/x"), V{"violence"});
  EXPECT_EQ(categoriesOf("http://news.example//fights"), V{"violence"});
  // Entry written with www. and a scheme still covers the bare site.
  EXPECT_EQ(categoriesOf("http://shop.example/cart/weed"), V{"drugs"});
  EXPECT_EQ(categoriesOf("http://www.shop.example/cart/weed/oil"), V{"drugs"});
  EXPECT_EQ(categoriesOf("http://shop.example/cart"), V{});
}

TEST_F(CategoryIndexTest, UrlEntryWithQueryMatchesThatQuery) {
  EXPECT_EQ(categoriesOf("http://video.example/watch?v=abc123"), V{"piracy"});
  EXPECT_EQ(categoriesOf("http://video.example/watch?v=other"), V{});
}

TEST_F(CategoryIndexTest, UrlMatchExplainsWithHostAndPath) {
  auto url = normalizeUrl("http://m.news.example/fights/today");
  index_->classifyUrl(*url, c_);
  auto match = c_.matchFor(*index_->categoryId("violence"));
  ASSERT_TRUE(match);
  EXPECT_EQ(match->entry, "news.example/fights");
  EXPECT_EQ(match->line, 11u);
}

TEST_F(CategoryIndexTest, IpLiteralsMatchCidrEntries) {
  EXPECT_EQ(categoriesOf("http://192.0.2.1/"), V{"circumvention"});
  EXPECT_EQ(categoriesOf("http://192.0.2.66/"), (V{"circumvention", "malware-hacking"}));
  EXPECT_EQ(categoriesOf("http://3221225985/"), V{"circumvention"});  // 192.0.2.1 as a number
  EXPECT_EQ(categoriesOf("http://192.0.3.1/"), V{});
  EXPECT_EQ(categoriesOf("http://[2001:db8:1::5]/"), V{"circumvention"});
  EXPECT_EQ(categoriesOf("http://[2001:db9::5]/"), V{});
  EXPECT_EQ(categoriesOf("http://198.51.100.7/"), V{"malware-hacking"});
  EXPECT_EQ(categoriesOf("http://[::ffff:198.51.100.7]/"), V{"malware-hacking"});
}

TEST_F(CategoryIndexTest, ExpressionsMatchAnywhereInTheUrl) {
  EXPECT_EQ(categoriesOf("http://free-porn.example.net/"), V{"pornography"});
  EXPECT_EQ(categoriesOf("http://example.net/xxx/page"), V{"pornography"});
  EXPECT_EQ(categoriesOf("http://example.net/sussex/"), V{});
}

TEST_F(CategoryIndexTest, DeclaredCategoryWithNoEntriesExists) {
  EXPECT_TRUE(index_->categoryId("educational"));
  EXPECT_FALSE(index_->categoryId("nonsense"));
}

TEST(IndexBuilder, RejectsBadEntriesWithReasons) {
  IndexBuilder b;
  EXPECT_FALSE(b.add(entry(EntryKind::kDomain, "x", "exa mple.com", 1)).isOk());
  EXPECT_FALSE(b.add(entry(EntryKind::kDomain, "x", "", 1)).isOk());
  EXPECT_FALSE(b.add(entry(EntryKind::kCidr, "x", "192.0.2.0/33", 1)).isOk());
  EXPECT_FALSE(b.add(entry(EntryKind::kCidr, "x", "not-an-ip/8", 1)).isOk());
  Status bad_regex = b.add(entry(EntryKind::kExpression, "x", "(unclosed", 1));
  EXPECT_FALSE(bad_regex.isOk());
  EXPECT_NE(bad_regex.message().find("does not compile"), std::string::npos);
  EXPECT_EQ(b.entryCount(), 0u);
}

TEST(IndexBuilder, RefusesExceptionsInUnoverridableCategory) {
  IndexBuilder b;
  b.setUnoverridable("illegal");
  EXPECT_TRUE(b.add(entry(EntryKind::kDomain, "illegal", "bad.example", 1)).isOk());
  Status s = b.add(entry(EntryKind::kDomain, "illegal", "ok.bad.example", 2, true));
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
}

TEST(IndexBuilder, SameNameInTwoCategoriesMatchesBoth) {
  IndexBuilder b;
  ASSERT_TRUE(b.add(entry(EntryKind::kDomain, "a", "dup.example", 1)).isOk());
  ASSERT_TRUE(b.add(entry(EntryKind::kDomain, "b", "dup.example", 1)).isOk());
  ASSERT_TRUE(b.add(entry(EntryKind::kDomain, "a", "dup.example", 9)).isOk());
  ProblemList problems;
  auto index = CategoryIndex::fromBytes(*b.build(problems));
  ASSERT_TRUE(index);
  Classification c;
  (*index)->classifyHost("www.dup.example", c);
  EXPECT_TRUE(c.has(*(*index)->categoryId("a")));
  EXPECT_TRUE(c.has(*(*index)->categoryId("b")));
  EXPECT_EQ(c.matchFor(*(*index)->categoryId("a"))->line, 1u);
}

TEST(CategoryIndexFile, RoundTripsThroughAFileAndRejectsCorruption) {
  auto dir = std::filesystem::temp_directory_path() / ("esafety-index-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "categories.idx").string();
  IndexBuilder b;
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(b.add(entry(EntryKind::kDomain, "c", "site" + std::to_string(i) + ".example", i + 1)).isOk());
  }
  ProblemList problems;
  ASSERT_TRUE(b.write(path, problems).isOk());
  auto index = CategoryIndex::open(path);
  ASSERT_TRUE(index) << index.status().toString();
  Classification c;
  (*index)->classifyHost("www.site999.example", c);
  EXPECT_TRUE(c.has(0));
  EXPECT_EQ((*index)->stats().domain_entries, 1000u);

  // Flip one byte in the middle: the checksum catches it.
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  bytes[bytes.size() / 2] ^= 0x5A;
  std::ofstream(path, std::ios::binary) << bytes;
  auto corrupt = CategoryIndex::open(path);
  ASSERT_FALSE(corrupt);
  EXPECT_EQ(corrupt.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(corrupt.status().message().find("checksum"), std::string::npos);

  // Truncated.
  std::ofstream(path, std::ios::binary) << bytes.substr(0, 100);
  EXPECT_EQ(CategoryIndex::open(path).status().code(), StatusCode::kDataLoss);
  // Missing.
  EXPECT_EQ(CategoryIndex::open((dir / "nope.idx").string()).status().code(), StatusCode::kNotFound);
  std::filesystem::remove_all(dir);
}

TEST(CategoryIndexEmpty, MatchesNothing) {
  auto index = CategoryIndex::empty();
  Classification c;
  index->classifyHost("anything.example", c);
  EXPECT_TRUE(c.empty());
  auto url = normalizeUrl("http://192.0.2.1/x");
  index->classifyUrl(*url, c);
  EXPECT_TRUE(c.empty());
}

}  // namespace
}  // namespace esafety::classify
