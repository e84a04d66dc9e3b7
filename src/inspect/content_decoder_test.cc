#include "inspect/content_decoder.h"

#include <gtest/gtest.h>

#include <chrono>

#include "inspect/test_compress.h"

namespace esafety::inspect {
namespace {

using testing::brotli;
using testing::gzip;
using testing::rawDeflate;
using testing::zlibDeflate;

struct Decoded {
  DecodeState state = DecodeState::kOk;
  std::string text;
  size_t largest_piece = 0;
  std::string error;
};

Decoded decode(ContentCoding coding, std::string_view body, size_t chunk = 0,
               uint64_t cap = 1 << 30) {
  ContentDecoder decoder(coding, cap);
  Decoded out;
  auto sink = [&](std::string_view piece) {
    out.text.append(piece);
    out.largest_piece = std::max(out.largest_piece, piece.size());
  };
  if (chunk == 0) chunk = body.size() + 1;
  for (size_t at = 0; at < body.size(); at += chunk) decoder.feed(body.substr(at, chunk), sink);
  out.state = decoder.finish();
  out.error = decoder.error();
  return out;
}

std::string samplePage() {
  std::string page;
  for (int i = 0; i < 2000; ++i) page += "<p>Paragraph " + std::to_string(i) + " of the page.</p>\n";
  return page;
}

TEST(ContentDecoder, ParsesContentEncoding) {
  EXPECT_EQ(*parseContentEncoding(""), ContentCoding::kIdentity);
  EXPECT_EQ(*parseContentEncoding("identity"), ContentCoding::kIdentity);
  EXPECT_EQ(*parseContentEncoding(" GZIP "), ContentCoding::kGzip);
  EXPECT_EQ(*parseContentEncoding("x-gzip"), ContentCoding::kGzip);
  EXPECT_EQ(*parseContentEncoding("deflate"), ContentCoding::kDeflate);
  EXPECT_EQ(*parseContentEncoding("br, identity"), ContentCoding::kBrotli);
  auto zstd = parseContentEncoding("zstd");
  ASSERT_FALSE(zstd);
  EXPECT_EQ(zstd.status().message(),
            "Content-Encoding \"zstd\" is not one we decode (gzip, deflate, br)");
  auto chain = parseContentEncoding("gzip, br");
  ASSERT_FALSE(chain);
  EXPECT_EQ(chain.status().message(),
            "Content-Encoding \"gzip, br\" applies several codings; only one is decoded");
}

TEST(ContentDecoder, EachCodingRoundTripsInAnyChunkSize) {
  std::string page = samplePage();
  struct Case {
    ContentCoding coding;
    std::string body;
    const char* name;
  } cases[] = {
      {ContentCoding::kIdentity, page, "identity"},
      {ContentCoding::kGzip, gzip(page), "gzip"},
      {ContentCoding::kDeflate, zlibDeflate(page), "deflate (zlib)"},
      {ContentCoding::kDeflate, rawDeflate(page), "deflate (raw)"},
      {ContentCoding::kBrotli, brotli(page), "br"},
  };
  for (const auto& c : cases) {
    for (size_t chunk : {size_t{0}, size_t{1}, size_t{7}, size_t{4096}}) {
      SCOPED_TRACE(std::string(c.name) + " chunk " + std::to_string(chunk));
      Decoded d = decode(c.coding, c.body, chunk);
      EXPECT_EQ(d.state, DecodeState::kOk);
      EXPECT_EQ(d.text, page);
      EXPECT_LE(d.largest_piece, c.coding == ContentCoding::kIdentity ? page.size() : kDecodeBlock);
    }
  }
}

TEST(ContentDecoder, GzipWithSeveralMembersIsReadToTheEnd) {
  Decoded d = decode(ContentCoding::kGzip, gzip("first part, ") + gzip("second part"), 5);
  EXPECT_EQ(d.state, DecodeState::kOk);
  EXPECT_EQ(d.text, "first part, second part");
}

TEST(ContentDecoder, CompressionBombStopsAtTheCapQuickly) {
  // 1 GiB of zeros in about 1 MB of gzip (deflate's best ratio is ~1:1032).
  std::string bomb = testing::gzipBomb(1024);
  EXPECT_LT(bomb.size(), 1'100'000u);
  auto start = std::chrono::steady_clock::now();
  ContentDecoder decoder(ContentCoding::kGzip, 2 << 20);
  uint64_t seen = 0;
  size_t largest = 0;
  DecodeState state = DecodeState::kOk;
  for (size_t at = 0; at < bomb.size(); at += 16384) {
    state = decoder.feed(std::string_view(bomb).substr(at, 16384), [&](std::string_view piece) {
      seen += piece.size();
      largest = std::max(largest, piece.size());
    });
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(state, DecodeState::kCapped);
  EXPECT_EQ(decoder.finish(), DecodeState::kCapped);
  EXPECT_EQ(seen, 2u << 20);
  EXPECT_EQ(decoder.decodedBytes(), 2u << 20);
  EXPECT_LE(largest, kDecodeBlock);
  EXPECT_LT(seconds, 0.5);
}

TEST(ContentDecoder, TheBombIsValidGzip) {
  // Without a cap the same bomb decodes to the end (64 MiB here, to stay quick).
  std::string bomb = testing::gzipBomb(64);
  ContentDecoder decoder(ContentCoding::kGzip, uint64_t{1} << 40);
  uint64_t seen = 0;
  EXPECT_EQ(decoder.feed(bomb, [&](std::string_view piece) { seen += piece.size(); }),
            DecodeState::kOk);
  EXPECT_EQ(decoder.finish(), DecodeState::kOk);
  EXPECT_EQ(seen, 64u << 20);
}

TEST(ContentDecoder, BrotliBombStopsAtTheCap) {
  std::string zeros(64 << 20, '\0');
  std::string bomb = brotli(zeros, 1);
  EXPECT_LT(bomb.size(), 100'000u);
  Decoded d = decode(ContentCoding::kBrotli, bomb, 4096, 1 << 20);
  EXPECT_EQ(d.state, DecodeState::kCapped);
  EXPECT_EQ(d.text.size(), 1u << 20);
}

TEST(ContentDecoder, TruncatedBodiesAreReportedNotCrashed) {
  std::string page = samplePage();
  for (auto [coding, body] : {std::pair{ContentCoding::kGzip, gzip(page)},
                              std::pair{ContentCoding::kDeflate, zlibDeflate(page)},
                              std::pair{ContentCoding::kDeflate, rawDeflate(page)},
                              std::pair{ContentCoding::kBrotli, brotli(page)}}) {
    SCOPED_TRACE(contentCodingName(coding));
    for (size_t keep : {size_t{1}, size_t{10}, body.size() / 2, body.size() - 1}) {
      Decoded d = decode(coding, std::string_view(body).substr(0, keep), 3);
      EXPECT_TRUE(d.state == DecodeState::kTruncated || d.state == DecodeState::kCorrupt)
          << decodeStateName(d.state) << " keeping " << keep;
      EXPECT_TRUE(page.starts_with(d.text));
    }
  }
  // A gzip stream cut inside its 8-byte trailer has all its text but is still truncated.
  std::string body = gzip(page);
  Decoded d = decode(ContentCoding::kGzip, std::string_view(body).substr(0, body.size() - 4));
  EXPECT_EQ(d.state, DecodeState::kTruncated);
  EXPECT_EQ(d.text, page);
}

TEST(ContentDecoder, WrongContentEncodingIsCorrupt) {
  std::string page = samplePage();
  Decoded plain_as_gzip = decode(ContentCoding::kGzip, page);
  EXPECT_EQ(plain_as_gzip.state, DecodeState::kCorrupt);
  EXPECT_EQ(plain_as_gzip.error, "incorrect header check");
  EXPECT_EQ(decode(ContentCoding::kBrotli, page).state, DecodeState::kCorrupt);
  EXPECT_EQ(decode(ContentCoding::kBrotli, gzip(page)).state, DecodeState::kCorrupt);
  EXPECT_EQ(decode(ContentCoding::kDeflate, brotli(page)).state, DecodeState::kCorrupt);
  // A corrupt state sticks: later input is ignored.
  ContentDecoder decoder(ContentCoding::kGzip, 1 << 20);
  auto ignore = [](std::string_view) {};
  EXPECT_EQ(decoder.feed("not gzip at all", ignore), DecodeState::kCorrupt);
  EXPECT_EQ(decoder.feed(gzip(page), ignore), DecodeState::kCorrupt);
  EXPECT_EQ(decoder.finish(), DecodeState::kCorrupt);
}

TEST(ContentDecoder, EmptyBodyIsFine) {
  EXPECT_EQ(decode(ContentCoding::kGzip, "").state, DecodeState::kOk);
  EXPECT_EQ(decode(ContentCoding::kDeflate, "").state, DecodeState::kOk);
}

TEST(ContentDecoder, IdentityIsCappedToo) {
  Decoded d = decode(ContentCoding::kIdentity, std::string(1000, 'a'), 100, 250);
  EXPECT_EQ(d.state, DecodeState::kCapped);
  EXPECT_EQ(d.text.size(), 250u);
}

}  // namespace
}  // namespace esafety::inspect
