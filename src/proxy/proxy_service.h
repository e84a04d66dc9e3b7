// The filtering web proxy as a net::Service: listens on the configured
// addresses (IPv4 and IPv6), hands each connection to a data-plane worker,
// and runs it through the policy (DESIGN.md §3).
//
//   auto proxy = makeProxyService(context);
//   ESAFETY_RETURN_IF_ERROR(proxy->start());
//   ...
//   proxy->stop();                 // stop accepting; end the sessions (below)
//   while (proxy->inFlight() > 0) wait;
//
// Shutdown (session_registry.h): connections waiting for a request close at
// once; a request being served gets kShutdownGrace to finish, and its
// connection then closes; after the grace whatever is left (a download, a
// tunnel) is cancelled. Every request accepted gets its event either way.
#pragma once

#include <chrono>
#include <memory>

#include "proxy/proxy_stats.h"
#include "net/service.h"

namespace esafety::proxy {

inline constexpr std::chrono::seconds kShutdownGrace{5};

class ProxyService : public net::Service {
 public:
  virtual const ProxyStats& stats() const = 0;
  // Reads and compiles the phrase lists again ([inspect] phrase_lists) and
  // swaps them in; responses already being scanned finish with the old ones.
  // On a failure the lists in force stay. Call from the control thread.
  virtual Status reloadContentLists() = 0;
};

std::unique_ptr<ProxyService> makeProxyService(const net::ServiceContext& context);

}  // namespace esafety::proxy
