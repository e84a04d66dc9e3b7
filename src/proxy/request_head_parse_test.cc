// The pure half of reading a request head (request_head_parse.h).
#include "proxy/request_head_parse.h"

#include <gtest/gtest.h>

namespace esafety::proxy {
namespace {

std::optional<ParsedHead> parse(std::string_view bytes, uint32_t limit = 4096) {
  RequestParser parser;
  parser.header_limit(limit);
  parser.body_limit(boost::none);
  boost::system::error_code error;
  return parseRequestHead(bytes, parser, limit, error);
}

constexpr std::string_view kPost = "POST http://a.example/ HTTP/1.1\r\nHost: a.example\r\n";

TEST(RequestHeadParse, AWholeHeadIsTakenAndItsBytesCounted) {
  std::string head = "GET http://a.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n";
  auto parsed = parse(head + "next");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->result, HeadResult::kOk);
  EXPECT_EQ(parsed->used, head.size());
  EXPECT_FALSE(parse("GET http://a.example/ HTTP/1.1\r\nHost: a.exa")) << "read more";
}

TEST(RequestHeadParse, OnlyExactlyChunkedIsATransferEncoding) {
  auto with = [](std::string_view fields) { return parse(std::string(kPost) + std::string(fields) + "\r\n"); };
  EXPECT_EQ(with("Transfer-Encoding: chunked\r\n")->result, HeadResult::kOk);
  EXPECT_EQ(with("Transfer-Encoding:  Chunked \r\n")->result, HeadResult::kOk);
  for (std::string_view bad : {"Transfer-Encoding: gzip\r\n", "Transfer-Encoding: gzip, chunked\r\n",
                               "Transfer-Encoding: identity\r\n",
                               "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n"}) {
    auto parsed = with(bad);
    ASSERT_TRUE(parsed) << bad;
    EXPECT_TRUE(parsed->result == HeadResult::kBadTransferEncoding || parsed->result == HeadResult::kMalformed)
        << bad;
  }
  EXPECT_EQ(with("Transfer-Encoding: gzip\r\n")->result, HeadResult::kBadTransferEncoding);
}

TEST(RequestHeadParse, FoldsAndOversizedHeadsAreRefused) {
  EXPECT_EQ(parse(std::string(kPost) + "X-A: 1\r\n 2\r\n\r\n")->result, HeadResult::kObsFold);
  EXPECT_EQ(parse(std::string(kPost) + "X-A: " + std::string(5000, 'a') + "\r\n\r\n")->result,
            HeadResult::kTooLarge);
  EXPECT_EQ(parse(std::string(5000, 'a'))->result, HeadResult::kTooLarge) << "no end within the limit";
}

}  // namespace
}  // namespace esafety::proxy
