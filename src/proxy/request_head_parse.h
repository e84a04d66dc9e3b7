// Private to src/proxy: the pure half of reading a request head
// (request_head.h): given the bytes a client has sent so far, is there a
// whole head, and is it one the proxy will take? No socket, no timer, so the
// fuzz target (tests/fuzz/request_head_fuzz.cc) drives exactly what the
// proxy runs.
//
//   RequestParser parser;                      // header_limit set by the caller
//   auto head = parseRequestHead(buffered, parser, limit, error);
//   if (!head) read more;                      // no end of head yet
//   else if (head->result == HeadResult::kOk) consume head->used bytes;
//   else refuse (headRefusal, request_head.h);
//
// Thread safety: a pure function of its arguments.
#pragma once

#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace esafety::proxy {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::buffer_body>;

enum class HeadResult { kOk, kClosed, kTimeout, kTooLarge, kObsFold, kMalformed, kBadTransferEncoding };

struct ParsedHead {
  HeadResult result = HeadResult::kOk;
  size_t used = 0;  // kOk: the head's bytes, to consume from the buffer
};

// `buffered`: what the client has sent so far (the head and maybe more).
// Returns nullopt while no head has ended within `limit` bytes (read more),
// else the verdict:
//   kTooLarge             the head is (or will be) over `limit`
//   kObsFold              a header line folded onto the next (RFC 9112 §5.2),
//                         which Beast would quietly join: a smuggling shape
//   kMalformed            Beast's parser refused it (`error` says why)
//   kBadTransferEncoding  a Transfer-Encoding other than exactly "chunked"
//                         (RFC 9112 §6.1: a proxy cannot frame "gzip" alone,
//                         and "gzip, chunked" would be sent on undecoded)
//   kOk                   `parser` holds the head; `used` bytes of it
std::optional<ParsedHead> parseRequestHead(std::string_view buffered, RequestParser& parser, uint32_t limit,
                                           boost::system::error_code& error);

// Whether the request's Transfer-Encoding is acceptable: none at all, or one
// field whose value is exactly "chunked" (any case, surrounding spaces).
bool acceptableTransferEncoding(const boost::beast::http::request_header<>& head);

}  // namespace esafety::proxy
