// Private to src/proxy, included only by the .cc files that forward requests:
// the request's trip to the site, for act's kForward. A pooled keep-alive
// connection or a new one; "100 Continue" to the client when it asked; the
// request head and body sent on; the response head read (1xx other than 101
// skipped). A pooled connection the site had closed is retried once on a
// fresh one, when no body has been sent.
//
//   Exchange<Stream> ex;   // not movable: the response parser is not
//   co_await exchangeWithSite(ex, client, parser, request, worker);
//   if (ex.ended.ends()) co_return std::move(ex.ended);   // an error page, or the client left
//   ... relay ex.response from ex.upstream (response_relay.h)
#pragma once

#include <memory>
#include <optional>

#include "proxy/request_context.h"
#include "proxy/request_outcome.h"
#include "proxy/upstream_traits.h"

namespace esafety::proxy {

using ResponseParser = http::response_parser<http::buffer_body>;

template <class Stream>
struct Exchange {
  std::unique_ptr<typename Upstream<Stream>::Connection> upstream;
  std::optional<ResponseParser> response;  // its head read
  uint64_t bytes_in = 0;                   // request bytes sent to the site
  // Set (ends()) when there is no response to relay: the request ends as
  // this says (the upstream error page, a bad body's 400, the client gone).
  Outcome ended;
};

template <class Stream>
awaitable<void> exchangeWithSite(Exchange<Stream>& ex, ClientIo<Stream>& client, RequestParser& parser,
                                 RequestContext& request, WorkerState& worker);

}  // namespace esafety::proxy
