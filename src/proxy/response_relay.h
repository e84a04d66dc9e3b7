// Private to src/proxy, included only by the .cc files that forward requests:
// the site's response on its way to the client, after exchangeWithSite
// (upstream_exchange.h) has read its head. A WebSocket 101 becomes a byte
// tunnel; a text page for a group that scans pages goes through the phrase
// scanner (scanned_relay.h) and the response-scan stage; anything else is
// streamed as it comes. A connection the response left reusable goes back
// to the worker's pool.
#pragma once

#include "proxy/upstream_exchange.h"

namespace esafety::proxy {

template <class Stream>
awaitable<Outcome> relayResponse(ClientIo<Stream>& client, RequestContext& request,
                                 Exchange<Stream>& exchange, WorkerState& worker);

}  // namespace esafety::proxy
