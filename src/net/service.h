// Service: one thing `esafety serve` runs (the proxy, the DNS server, the
// console). The Server builds a ServiceContext, then start()s each enabled
// service on the control thread; each service opens its listeners and hands
// its connections to the data-plane workers' io_contexts. Shutdown: stop()
// closes the listeners and asks work in flight to end; the Server waits
// until every service's inFlight() is 0 (or its deadline passes), then stops
// the io_contexts and drains the event queue, so nothing accepted loses its
// event.
//
// Why io_context* and not Asio in this header: it is included widely, and
// Asio's templates belong in the .cc files that use them (build time on 2 cores).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "core/status.h"
#include "net/ip_network.h"

namespace boost::asio {
class io_context;
}

namespace esafety {
class MetricsRegistry;
namespace events {
class EventSink;
}
namespace policy {
class PolicyHolder;
class RestrictionBoard;
}
namespace identity {
class IdentityResolver;
class FormTokens;
}

namespace net {

struct ServiceContext {
  const ServeConfig* config = nullptr;
  const net::NetworkAcl* school_networks = nullptr;
  policy::PolicyHolder* policy = nullptr;
  events::EventSink* events = nullptr;
  MetricsRegistry* metrics = nullptr;
  const Clock* clock = nullptr;
  std::vector<boost::asio::io_context*> workers;  // one per data-plane thread
  boost::asio::io_context* control = nullptr;     // the control thread's context
  std::string data_dir;
  // Who is asking, for the proxy, DNS and the portal (identity/identity_resolver.h);
  // its desk() signs people in at the portal. Null: the device registry alone.
  const identity::IdentityResolver* identity = nullptr;
  // The block page's form tokens (identity/block_button_token.h): the proxy
  // issues them with each block page, the console checks them when a button
  // is pressed. Null: the buttons are not served.
  const identity::FormTokens* block_tokens = nullptr;
  // The teachers' pauses and allow-lists in force (policy/restriction_board.h),
  // which the proxy checks on each request. Null: none.
  const policy::RestrictionBoard* restrictions = nullptr;
};

class Service {
 public:
  virtual ~Service() = default;
  virtual std::string_view name() const = 0;
  // Binds listeners; a port in use or a bad address is an error that names it.
  virtual Status start() = 0;
  // Stops accepting, and asks what is in flight to end (the proxy: requests
  // being served get a grace period, then are cancelled). Returns at once;
  // watch inFlight(). Call from the control thread.
  virtual void stop() = 0;
  // Work accepted and not yet over (the proxy: open client connections). 0
  // means everything it accepted has ended and its events are queued. Any
  // thread.
  virtual size_t inFlight() const { return 0; }
};

}  // namespace net
}  // namespace esafety
