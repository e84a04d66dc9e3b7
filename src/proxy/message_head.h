// The bytes of an HTTP message head as the proxy sends it on: the start line,
// the fields in their order, and the blank line. The same bytes Beast's
// serializer writes (message_head_test.cc checks them against Beast's own
// output), but into one flat string, so that relayBody sends a head and the
// body that follows it with one gathered write. Walking Beast's serializer
// buffer sequence cost about 6% of the proxy's CPU per request
// (bench/RESULTS.md, "Where the proxy's time goes"). Private to src/proxy.
//
//   std::string head;
//   appendHead(response.base(), head);   // "HTTP/1.1 200 OK\r\n...\r\n\r\n"
#pragma once

#include <array>
#include <boost/beast/http/message.hpp>
#include <string>
#include <string_view>

namespace esafety::proxy {

void appendHead(const boost::beast::http::request_header<>& head, std::string& out);
void appendHead(const boost::beast::http::response_header<>& head, std::string& out);

// A chunk's size line in chunked transfer coding: "2a6b\r\n".
class ChunkSizeLine {
 public:
  explicit ChunkSizeLine(size_t size);
  std::string_view view() const { return {bytes_.data(), length_}; }

 private:
  std::array<char, 2 * sizeof(size_t) + 2> bytes_{};
  size_t length_ = 0;
};

// The last chunk of a chunked body, with no trailer fields.
inline constexpr std::string_view kLastChunk = "0\r\n\r\n";

}  // namespace esafety::proxy
