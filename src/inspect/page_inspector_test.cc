#include "inspect/page_inspector.h"

#include <gtest/gtest.h>

#include <chrono>

#include "inspect/test_compress.h"
#include "inspect/test_phrases.h"

namespace esafety::inspect {
namespace {

PageInspectorOptions opts(std::string_view content_type, std::string_view content_encoding = "",
                          uint64_t max_scanned_bytes = kDefaultMaxScannedBytes) {
  PageInspectorOptions options;
  options.content_type = content_type;
  options.content_encoding = content_encoding;
  options.max_scanned_bytes = max_scanned_bytes;
  return options;
}

using testing::compilePhrases;

const char* kLists =
    "#listcategory: \"Pornography\"\n"
    "< porn ><60>\n"
    "<hot sex><50>\n"
    "#listcategory: \"Violence\"\n"
    "< gore ><30>\n";

std::shared_ptr<const PhraseDatabase> db() {
  static auto compiled = compilePhrases(kLists, "< banned words >\n");
  return compiled;
}

std::unique_ptr<PageInspector> inspect(std::string_view body, PageInspectorOptions options,
                                       size_t chunk = 4096) {
  auto page = std::make_unique<PageInspector>(db(), options);
  for (size_t at = 0; at < body.size(); at += chunk) page->feed(body.substr(at, chunk));
  page->finish();
  return page;
}

TEST(PageInspector, BodyTypes) {
  EXPECT_EQ(bodyTypeFromContentType("text/html; charset=UTF-8"), BodyType::kHtml);
  EXPECT_EQ(bodyTypeFromContentType("Application/XHTML+xml"), BodyType::kHtml);
  EXPECT_EQ(bodyTypeFromContentType("text/plain"), BodyType::kText);
  EXPECT_EQ(bodyTypeFromContentType("application/json"), BodyType::kText);
  EXPECT_EQ(bodyTypeFromContentType("application/ld+json"), BodyType::kText);
  EXPECT_EQ(bodyTypeFromContentType("image/png"), BodyType::kOther);
  EXPECT_FALSE(shouldInspect("video/mp4"));
  EXPECT_EQ(charsetParameter("text/html; charset=\"ISO-8859-1\""), "ISO-8859-1");
  EXPECT_EQ(charsetParameter("text/html;CHARSET=utf-8;x=y"), "utf-8");
  EXPECT_EQ(charsetParameter("text/html"), "");
}

TEST(PageInspector, HtmlPageOverTheLimit) {
  auto page = inspect("<html><title>Gore</title><p>Hot <b>sex</b>.</p><script>porn</script>",
                      opts("text/html"));
  EXPECT_EQ(page->state(), InspectState::kFinished);
  EXPECT_EQ(page->score().total(100), 80);  // not "porn": it is inside <script>
  EXPECT_TRUE(page->overLimit(79));
  EXPECT_FALSE(page->overLimit(80));
  auto categories = page->score().categories(100);
  ASSERT_EQ(categories.size(), 2u);
  EXPECT_EQ(categories[0].name, "pornography");
  EXPECT_EQ(categories[0].score, 50);
  EXPECT_EQ(categories[1].name, "violence");
}

TEST(PageInspector, PlainTextKeepsAngleBracketsAsText) {
  auto page = inspect("a <porn> b", opts("text/plain"));
  EXPECT_EQ(page->score().total(100), 60);
  page = inspect("a <porn> b", opts("text/html"));
  EXPECT_EQ(page->score().total(100), 0);
}

TEST(PageInspector, EachContentEncoding) {
  std::string html = "<p>some text then hot<br>sex and more text</p>";
  for (auto [encoding, body] : {std::pair{"gzip", testing::gzip(html)},
                                std::pair{"deflate", testing::zlibDeflate(html)},
                                std::pair{"deflate", testing::rawDeflate(html)},
                                std::pair{"br", testing::brotli(html)}}) {
    SCOPED_TRACE(encoding);
    for (size_t chunk : {1, 5, 4096}) {
      auto page = inspect(body, opts("text/html", encoding), chunk);
      EXPECT_EQ(page->state(), InspectState::kFinished);
      EXPECT_EQ(page->score().total(100), 50);
      EXPECT_EQ(page->decodedBytes(), html.size());
    }
  }
}

TEST(PageInspector, CompressionBombIsCappedAndScoredSoFar) {
  // The phrase is inside the first MiB; then 1 GiB of zeros.
  std::string head = testing::gzip("<p>hot sex</p>");
  std::string bomb = testing::gzipBomb(1024);
  auto start = std::chrono::steady_clock::now();
  PageInspector page(db(), opts("text/html", "gzip", 1 << 20));
  InspectState state = page.feed(head);
  for (size_t at = 0; at < bomb.size() && state == InspectState::kScanning; at += 65536) {
    state = page.feed(std::string_view(bomb).substr(at, 65536));
  }
  EXPECT_EQ(state, InspectState::kCapped);
  EXPECT_EQ(page.finish(), InspectState::kCapped);
  EXPECT_EQ(page.decodedBytes(), 1u << 20);
  EXPECT_EQ(page.score().total(100), 50);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 1.0);
}

TEST(PageInspector, TruncatedGzipIsAnErrorValueAndKeepsTheScore) {
  std::string body = testing::gzip("<p>gore</p>" + std::string(50000, 'x') + "hot sex");
  auto page = inspect(std::string_view(body).substr(0, body.size() - 6),
                      opts("text/html", "gzip"));
  EXPECT_EQ(page->state(), InspectState::kFailed);
  EXPECT_EQ(page->decodeState(), DecodeState::kTruncated);
  EXPECT_EQ(page->error(), "Content-Encoding gzip: truncated");
  EXPECT_EQ(page->score().total(100), 80);
}

TEST(PageInspector, WrongContentEncodingIsAnErrorValue) {
  auto page = inspect("<p>hot sex</p>", opts("text/html", "gzip"));
  EXPECT_EQ(page->state(), InspectState::kFailed);
  EXPECT_EQ(page->decodeState(), DecodeState::kCorrupt);
  EXPECT_EQ(page->error(), "Content-Encoding gzip: corrupt: incorrect header check");
  page = inspect(testing::gzip("<p>hot sex</p>"),
                 opts("text/html", "br"));
  EXPECT_EQ(page->decodeState(), DecodeState::kCorrupt);
  page = inspect("<p>hot sex</p>", opts("text/html", "zstd"));
  EXPECT_EQ(page->state(), InspectState::kFailed);
  EXPECT_EQ(page->decodeState(), DecodeState::kUnsupported);
  EXPECT_EQ(page->score().total(100), 0);
}

TEST(PageInspector, CharsetFromContentType) {
  std::string latin1 = "<p>gore caf\xE9 hot sex</p>";
  auto page = inspect(latin1, opts("text/html; charset=iso-8859-1"));
  EXPECT_EQ(page->score().total(100), 80);
  page = inspect("<p>\xFF\xFE hot sex\xC0 \xF0\x9F gore\x80</p>", opts("text/html"));
  EXPECT_EQ(page->state(), InspectState::kFinished);
  EXPECT_EQ(page->score().total(100), 50);  // "gore\x80" reads "gore€": not a whole word
}

TEST(PageInspector, TenMegabyteSingleLinePage) {
  std::string unit = "<div><span>Lorem ipsum dolor sit amet</span> &amp; text</div>";
  std::string page_text;
  while (page_text.size() < 10'000'000) page_text += unit;
  page_text += "<p>hot sex</p>";
  ASSERT_EQ(page_text.find('\n'), std::string::npos);
  auto start = std::chrono::steady_clock::now();
  auto page = inspect(page_text, opts("text/html", "", 64 << 20),
                      65536);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(page->state(), InspectState::kFinished);
  EXPECT_EQ(page->score().total(100), 50);
  EXPECT_LT(seconds, 3.0);
  // Over the default 2 MiB cap the end of the page is not looked at.
  page = inspect(page_text, opts("text/html"), 65536);
  EXPECT_EQ(page->state(), InspectState::kCapped);
  EXPECT_EQ(page->score().total(100), 0);
}

TEST(PageInspector, BannedAndScoreVisibleBeforeTheEnd) {
  PageInspector page(db(), opts("text/html"));
  page.feed("<p>some banned wo");
  EXPECT_EQ(page.verdict(100), PageVerdict::kPass);
  page.feed("rds here</p>");  // the word ends at the next separator, which is here
  EXPECT_EQ(page.verdict(100), PageVerdict::kBanned);
}

}  // namespace
}  // namespace esafety::inspect
