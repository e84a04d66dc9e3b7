#include "proxy/request_head_parse.h"

#include <boost/beast/core/string.hpp>

namespace esafety::proxy {
namespace http = boost::beast::http;
namespace {

// Where the request head ends ("\r\n\r\n", or "\n\n" from lax clients), or npos.
size_t headEnd(std::string_view bytes) {
  size_t crlf = bytes.find("\r\n\r\n");
  size_t lf = bytes.find("\n\n");
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return std::string_view::npos;
  if (crlf == std::string_view::npos) return lf + 2;
  if (lf == std::string_view::npos) return crlf + 4;
  return std::min(crlf + 4, lf + 2);
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

bool acceptableTransferEncoding(const http::request_header<>& head) {
  auto [first, last] = head.equal_range(http::field::transfer_encoding);
  if (first == last) return true;
  if (std::next(first) != last) return false;  // two fields: "gzip" then "chunked", say
  return boost::beast::iequals(trimmed(first->value()), "chunked");
}

std::optional<ParsedHead> parseRequestHead(std::string_view bytes, RequestParser& parser, uint32_t limit,
                                           boost::system::error_code& error) {
  size_t end = headEnd(bytes);
  if (end == std::string_view::npos) {
    if (bytes.size() >= limit) return ParsedHead{HeadResult::kTooLarge};
    return std::nullopt;
  }
  if (end > limit) return ParsedHead{HeadResult::kTooLarge};
  std::string_view head = bytes.substr(0, end - 2);
  if (head.find("\n ") != std::string_view::npos || head.find("\n\t") != std::string_view::npos) {
    return ParsedHead{HeadResult::kObsFold};
  }
  size_t used = parser.put(boost::asio::buffer(bytes.data(), end), error);
  if (error || !parser.is_header_done()) {
    if (!error) error = http::error::partial_message;
    return ParsedHead{HeadResult::kMalformed};
  }
  if (!acceptableTransferEncoding(parser.get().base())) return ParsedHead{HeadResult::kBadTransferEncoding};
  return ParsedHead{HeadResult::kOk, used};
}

}  // namespace esafety::proxy
