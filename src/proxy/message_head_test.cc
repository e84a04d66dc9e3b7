#include "proxy/message_head.h"

#include <gtest/gtest.h>

#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <sstream>

namespace esafety::proxy {
namespace {
namespace http = boost::beast::http;

// What Beast's own serializer writes for the head.
template <class Header>
std::string beastHead(const Header& head) {
  std::ostringstream out;
  out << head;
  return out.str();
}

template <class Header>
std::string ourHead(const Header& head) {
  std::string out;
  appendHead(head, out);
  return out;
}

// A message as the parser would leave it: fields in the site's spelling and
// order. (Built directly: the parser's own put() trips GCC's
// maybe-uninitialized warning in the sanitizer build.)
http::response<http::string_body> response(unsigned status, std::string_view reason,
                                           std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  http::response<http::string_body> res;
  res.version(11);
  res.result(status);
  res.reason(reason);
  for (const auto& [name, value] : fields) res.insert(name, value);
  return res;
}

TEST(MessageHeadTest, AForwardedRequestHeadIsWhatBeastWrites) {
  http::request<http::string_body> req{http::verb::get, "/page.html?q=a%20b", 11};
  req.set(http::field::host, "example.org:8080");
  req.set(http::field::user_agent, "curl/7.88");
  req.insert("X-Custom-Thing", "one");
  req.insert("x-custom-thing", "two");  // repeated, and in its own spelling
  req.keep_alive(true);
  EXPECT_EQ(ourHead(req.base()), beastHead(req.base()));
  EXPECT_EQ(ourHead(req.base()).substr(0, 35), "GET /page.html?q=a%20b HTTP/1.1\r\nHo");
}

TEST(MessageHeadTest, UnknownMethodsAndHttp10KeepTheirSpelling) {
  http::request<http::string_body> req{http::verb::propfind, "/dav/", 10};
  req.insert("Host", "a.example");
  req.insert("Depth", "1");
  EXPECT_EQ(ourHead(req.base()), beastHead(req.base()));
  EXPECT_EQ(ourHead(req.base()).substr(0, 24), "PROPFIND /dav/ HTTP/1.0\r");
  http::request<http::string_body> odd;
  odd.method_string("BREW");
  odd.target("/pot");
  odd.version(11);
  odd.insert("host", "a.example");
  EXPECT_EQ(ourHead(odd.base()), "BREW /pot HTTP/1.1\r\nhost: a.example\r\n\r\n");
  EXPECT_EQ(ourHead(odd.base()), beastHead(odd.base()));
}

TEST(MessageHeadTest, AResponseKeepsTheSitesReasonAndFieldOrder) {
  auto res = response(404, "Not Here Today",
                      {{"Server", "nginx"}, {"Content-Type", "text/html"}, {"Set-Cookie", "a=1"},
                       {"Set-Cookie", "b=2"}, {"Content-Length", "0"}});
  EXPECT_EQ(ourHead(res.base()), beastHead(res.base()));
  EXPECT_EQ(ourHead(res.base()).substr(0, 29), "HTTP/1.1 404 Not Here Today\r\n");

  // A response the proxy built (no reason given) gets the standard one.
  http::response<http::string_body> made{http::status::bad_gateway, 10};
  made.set(http::field::content_type, "text/plain");
  EXPECT_EQ(ourHead(made.base()), beastHead(made.base()));
  EXPECT_EQ(ourHead(made.base()).substr(0, 26), "HTTP/1.0 502 Bad Gateway\r\n");
}

TEST(MessageHeadTest, AHeadWithNoFieldsEndsWithTheBlankLine) {
  http::response<http::string_body> res{http::status::no_content, 11};
  EXPECT_EQ(ourHead(res.base()), "HTTP/1.1 204 No Content\r\n\r\n");
}

TEST(MessageHeadTest, AppendingKeepsWhatIsAlreadyThere) {
  http::request<http::string_body> req{http::verb::head, "/", 11};
  std::string out = "before|";
  appendHead(req.base(), out);
  EXPECT_EQ(out, "before|HEAD / HTTP/1.1\r\n\r\n");
}

TEST(MessageHeadTest, ChunkSizeLinesAreLowerCaseHex) {
  EXPECT_EQ(ChunkSizeLine(0).view(), "0\r\n");
  EXPECT_EQ(ChunkSizeLine(10855).view(), "2a67\r\n");
  EXPECT_EQ(ChunkSizeLine(65536).view(), "10000\r\n");
  EXPECT_EQ(ChunkSizeLine(SIZE_MAX).view(), "ffffffffffffffff\r\n");
  EXPECT_EQ(kLastChunk, "0\r\n\r\n");
}

std::string joined(std::span<const boost::asio::const_buffer> pieces) {
  std::string out;
  for (const auto& b : pieces) out.append(static_cast<const char*>(b.data()), b.size());
  return out;
}

TEST(OutgoingMessageTest, ALengthBodyGoesAsItIsAfterTheHead) {
  auto res = response(200, "OK", {{"Content-Length", "10"}});
  OutgoingMessage out(res, true);
  EXPECT_EQ(joined(out.pieces("hello", false)), "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello");
  EXPECT_EQ(joined(out.pieces("world", true)), "world");
}

TEST(OutgoingMessageTest, AChunkedBodyIsFramedAndEnded) {
  auto res = response(200, "OK", {{"Transfer-Encoding", "chunked"}});
  OutgoingMessage out(res, true);
  EXPECT_EQ(joined(out.pieces("first,", false)),
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nfirst,\r\n");
  EXPECT_TRUE(out.pieces("", false).empty());  // nothing read this time: nothing to send
  EXPECT_EQ(joined(out.pieces("second and third", true)), "10\r\nsecond and third\r\n0\r\n\r\n");
}

TEST(OutgoingMessageTest, AChunkedBodyThatEndsWithoutDataStillEnds) {
  http::request<http::string_body> req{http::verb::post, "/up", 11};
  req.insert("Host", "a");
  req.insert("Transfer-Encoding", "chunked");
  OutgoingMessage out(req, true);
  EXPECT_EQ(joined(out.pieces("", true)),
            "POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
}

TEST(OutgoingMessageTest, AMessageWithoutABodyIsItsHeadAlone) {
  // A response to HEAD keeps its chunked header but has no body to frame.
  auto res = response(200, "OK", {{"Transfer-Encoding", "chunked"}});
  OutgoingMessage out(res, false);
  EXPECT_EQ(joined(out.pieces("", true)), "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
}

TEST(OutgoingMessageTest, AChunkedBodyUnchunkedForHttp10GoesRaw) {
  auto res = response(200, "OK", {{"Transfer-Encoding", "chunked"}});
  res.chunked(false);
  res.version(10);
  OutgoingMessage out(res, true);
  EXPECT_EQ(joined(out.pieces("abc", true)), "HTTP/1.0 200 OK\r\n\r\nabc");
}

}  // namespace
}  // namespace esafety::proxy
