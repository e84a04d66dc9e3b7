// Private to src/proxy, included only by the .cc files that forward requests:
// copies an HTTP message from one stream to another with bounded memory.
//
//   RelayResult r = co_await relayBody(client, client_buffer, request_parser, upstream, in, out);
//   if (!r.ok && r.input_failed) ... the sender went away or sent a bad body
//
// The head goes out as it stands when called (the caller has applied its
// header rules), then the body in pieces of up to RelayBuffer::kSize, framed
// as the head says (chunked or not); the head and the first piece go out in
// one gathered write.
#pragma once

#include <optional>

#include "proxy/message_head.h"
#include "proxy/relay_buffer.h"
#include "proxy/session_io.h"

namespace esafety::proxy {

struct RelayResult {
  bool ok = true;
  bool input_failed = false;  // the failure was on the reading side
  uint64_t bytes = 0;         // written
  boost::system::error_code error;
};

// True for an error that means the message was malformed (a bad chunk
// size), as opposed to the connection ending.
inline bool isParseError(const boost::system::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_chunk).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

// `parser` has read the head. `header_only`: send the head alone (a
// WebSocket 101, whose bytes after it are not HTTP).
template <bool isRequest, class Input, class Output>
awaitable<RelayResult> relayBody(Input& input, beast::flat_buffer& buffer,
                                 http::parser<isRequest, http::buffer_body>& parser,
                                 Output& output, std::chrono::seconds input_timeout,
                                 std::chrono::seconds output_timeout, bool header_only = false) {
  RelayResult result;
  auto& message = parser.get();
  // A parser done with the head alone has no body to send.
  const bool has_body = !header_only && !parser.is_done();
  OutgoingMessage out(message, has_body);
  std::optional<RelayBuffer> chunk;
  if (has_body) chunk.emplace();
  for (;;) {
    size_t n = 0;
    if (has_body && !parser.is_done()) {
      message.body().data = chunk->data();
      message.body().size = RelayBuffer::kSize;
      beast::get_lowest_layer(input).expires_after(input_timeout);
      auto [ec, read] = co_await http::async_read(input, buffer, parser, kTuple);
      if (ec == http::error::need_buffer) ec = {};
      if (ec) {
        result.ok = false;
        result.input_failed = true;
        result.error = ec;
        co_return result;
      }
      n = RelayBuffer::kSize - message.body().size;
    }
    const bool last = header_only || parser.is_done();
    auto pieces = out.pieces({n == 0 ? nullptr : chunk->data(), n}, last);
    if (!pieces.empty()) {
      beast::get_lowest_layer(output).expires_after(output_timeout);
      auto [ec, written] = co_await asio::async_write(output, pieces, kTuple);
      result.bytes += written;
      if (ec) {
        result.ok = false;
        result.error = ec;
        co_return result;
      }
    }
    if (last) co_return result;
  }
}

}  // namespace esafety::proxy
