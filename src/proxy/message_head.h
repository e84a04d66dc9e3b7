// The bytes of an HTTP message as the proxy sends it on. The head (start
// line, the fields in their order, the blank line) is the same bytes Beast's
// serializer writes (message_head_test.cc checks them against Beast's own
// output), but built into one flat string, so that the head and the first
// piece of body go out in one gathered write. Walking Beast's serializer
// buffer sequence instead cost the proxy about a quarter of its CPU per
// request (bench/RESULTS.md, session 7). Private to src/proxy.
//
//   OutgoingMessage out(response, /*has_body=*/!parser.is_done());
//   co_await asio::async_write(client, out.pieces(first_piece, parser.is_done()));
//   ... out.pieces(next_piece, last) for each further piece.
#pragma once

#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <span>
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

// One message going out: its head as it stands when this is made (the
// caller has applied its header rules), then the body framed as that head
// says (chunked, or the bytes as they are). `has_body` is false for a
// message that ends with its head: a request without a body, or a response
// to HEAD, a 204 or a 304.
class OutgoingMessage {
 public:
  template <bool isRequest, class Body>
  OutgoingMessage(const boost::beast::http::message<isRequest, Body>& message, bool has_body)
      : chunked_(message.chunked()), has_body_(has_body) {
    head_.reserve(1024);
    appendHead(message.base(), head_);
  }

  // The buffers that send the next piece of body (empty: none) and, with
  // `last`, the body's end; the head goes first, the first time. Valid until
  // the next call; `piece` must stay alive until they are written. Empty
  // when there is nothing to write.
  std::span<const boost::asio::const_buffer> pieces(std::string_view piece, bool last);

 private:
  std::string head_;
  bool chunked_ = false;
  bool has_body_ = false;
  bool head_sent_ = false;
  ChunkSizeLine size_line_{0};
  std::array<boost::asio::const_buffer, 5> buffers_;
};

}  // namespace esafety::proxy
