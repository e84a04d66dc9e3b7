// Private to src/proxy: starting a client session on a worker, in the manner
// of Beast's examples: every session gets a completion handler (never
// asio::detached), so an exception that escapes one session is logged and
// counted (ProxyStats::session_errors, esafety_proxy_session_errors_total)
// and the worker carries on serving the others. The session's co_spawn is
// bound to its SessionControl's cancellation signal (session_registry.h), so
// shutdown can end it; ending that way is not an error.
//
//   auto control = std::make_shared<SessionControl>(worker.sessions);
//   spawnSession(worker.io, runSession(std::move(socket), ..., control), control, stats);
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <memory>

#include "proxy/proxy_stats.h"
#include "proxy/session_registry.h"

namespace esafety::proxy {

// Runs `session` on `io`. `control` stays alive until the session has ended.
void spawnSession(boost::asio::io_context& io, boost::asio::awaitable<void> session,
                  std::shared_ptr<SessionControl> control, ProxyStats& stats);

// The completion handler's judgement of how a session ended: false for a
// clean end or a cancellation; true (logged and counted) for an exception.
bool noteSessionEnd(std::exception_ptr error, ProxyStats& stats);

}  // namespace esafety::proxy
