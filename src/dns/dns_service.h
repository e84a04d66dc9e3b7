// DnsService: the filtering DNS forwarder that `esafety serve` runs when
// `dns.enabled` (DESIGN.md §2): UDP and TCP on every `dns.listen` endpoint,
// each worker thread with its own SO_REUSEPORT sockets; every question
// decided by the shared policy Snapshot; allowed names answered from a shared
// cache or the `dns.upstreams`; one event per query. query_pipeline.h has the
// order of steps, forwarder.h the upstream rules.
//
//   net::ServiceContext ctx = ...;          // config, ACL, policy, events, clock, workers
//   auto dns = makeDnsService(ctx);
//   if (Status s = dns->start(); !s) { print(s); return 1; }   // binds, or says what it could not
//   ... run ctx.workers' io_contexts ...
//   dns->stop();                               // closes listeners; work in flight finishes
//   ... stop the io_contexts, then destroy the service.
//
// Port 53: production binds 0.0.0.0:53 without root through the capability
// CAP_NET_BIND_SERVICE (systemd: AmbientCapabilities=CAP_NET_BIND_SERVICE
// with User=esafety). Tests use high loopback ports.
//
// Ownership: the service owns its workers, cache and counters; it borrows
// everything in the ServiceContext, which must outlive it. Threads: start()
// and stop() on the control thread; counts() from any thread.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "dns/dns_stats.h"
#include "net/service.h"

namespace esafety::identity {
class IdentityResolver;
}

namespace esafety::dns {

struct DnsShared;
class DnsWorker;

class DnsService final : public net::Service {
 public:
  explicit DnsService(const net::ServiceContext& ctx);
  ~DnsService() override;

  std::string_view name() const override { return "dns"; }
  Status start() override;
  void stop() override;

  DnsCounts counts() const;
  size_t cacheEntries() const;
  // What start() bound (a configured port 0 becomes the port the kernel chose).
  const std::vector<Endpoint>& endpoints() const { return endpoints_; }

 private:
  net::ServiceContext ctx_;
  std::vector<Endpoint> endpoints_;
  std::unique_ptr<identity::IdentityResolver> registry_only_;  // when ctx_ has no resolver
  std::unique_ptr<DnsShared> shared_;
  std::vector<std::unique_ptr<DnsWorker>> workers_;
};

std::unique_ptr<net::Service> makeDnsService(const net::ServiceContext& ctx);

}  // namespace esafety::dns
