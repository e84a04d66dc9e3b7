#include "proxy/session_spawn.h"

#include <spdlog/spdlog.h>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

namespace esafety::proxy {

bool noteSessionEnd(std::exception_ptr error, ProxyStats& stats) {
  if (!error) return false;
  try {
    std::rethrow_exception(error);
  } catch (const boost::system::system_error& e) {
    // The next co_await after a cancellation throws this: shutdown.
    if (e.code() == boost::asio::error::operation_aborted) return false;
    spdlog::error("a proxy session failed: {}", e.what());
  } catch (const std::exception& e) {
    spdlog::error("a proxy session failed: {}", e.what());
  } catch (...) {
    spdlog::error("a proxy session failed with an unknown exception");
  }
  stats.session_errors.fetch_add(1, std::memory_order_relaxed);
  return true;
}

void spawnSession(boost::asio::io_context& io, boost::asio::awaitable<void> session,
                  std::shared_ptr<SessionControl> control, ProxyStats& stats) {
  SessionControl& c = *control;
  boost::asio::co_spawn(
      io, std::move(session),
      boost::asio::bind_cancellation_slot(
          c.signal.slot(), [control = std::move(control), &stats](std::exception_ptr error) {
            noteSessionEnd(error, stats);
          }));
}

}  // namespace esafety::proxy
