// Private to src/proxy: reading one request head from a client, with the
// limits and refusals a proxy owes its clients and the sites behind it.
//
//   HeadResult head = co_await readRequestHead(client, parser, timeout, limit, error);
//   if (head != HeadResult::kOk) { if (auto r = headRefusal(head, error, buffered)) send *r; close; }
#pragma once

#include <optional>
#include <string>

#include "proxy/request_head_parse.h"
#include "proxy/session_io.h"

namespace esafety::proxy {

// Reads one request head into `parser`, within `timeout` (a timer, so a slow
// client gets its 408) and `limit` bytes. Unlike Beast's own read, it
// refuses obs-fold (a header line continued on the next line, RFC 9112
// §5.2), which Beast would quietly join: proxies and servers that disagree
// about folded headers are how requests get smuggled; and a Transfer-Encoding
// other than "chunked" (RFC 9112 §6.1). `error` says why a malformed head is
// malformed. The parsing itself is parseRequestHead (request_head_parse.h).
template <class Stream>
awaitable<HeadResult> readRequestHead(ClientIo<Stream>& client, RequestParser& parser,
                                      std::chrono::seconds timeout, uint32_t limit,
                                      boost::system::error_code& error);

// What the client is told when its head is refused: 400, 408 or 431 and the
// reason. None for a connection that simply ended, or went quiet without
// sending anything (`buffered` bytes: 0).
struct HeadRefusal {
  http::status status;
  std::string reason;
};
std::optional<HeadRefusal> headRefusal(HeadResult head, const boost::system::error_code& error,
                                       size_t buffered);

}  // namespace esafety::proxy
