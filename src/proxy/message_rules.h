// The header rules a forward proxy must apply (RFC 9110 §7.6.1): hop-by-hop
// headers, and those the Connection header names, are not forwarded. Private
// to src/proxy.
#pragma once

#include <boost/beast/http/fields.hpp>

namespace esafety::proxy {

// Removes hop-by-hop headers. Keeps Upgrade/Connection: upgrade when
// `keep_upgrade` (a WebSocket handshake being forwarded).
void removeHopByHop(boost::beast::http::fields& fields, bool keep_upgrade);

// True when the request asks for a WebSocket (Upgrade: websocket and
// Connection naming upgrade).
bool isWebSocketUpgrade(const boost::beast::http::fields& fields);

}  // namespace esafety::proxy
