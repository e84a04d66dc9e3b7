// DnsShared: what every DNS worker shares: settings, the ACL, the cache, the
// rate limiter, the counters, and the control plane's policy, identity
// resolver and event sink.
// Built once by DnsService::start() on the control thread, then only read
// (the cache, limiter and counters are thread-safe on their own).
#pragma once

#include <cstdint>
#include <memory>

#include "core/clock.h"
#include "core/config.h"
#include "dns/cache.h"
#include "dns/dns_stats.h"
#include "dns/event_budget.h"
#include "dns/rate_limiter.h"
#include "dns/responses.h"
#include "events/event.h"
#include "identity/identity_resolver.h"
#include "net/ip_network.h"
#include "policy/policy_holder.h"

namespace esafety::dns {

struct DnsShared {
  DnsShared(const ServeConfig& config, net::NetworkAcl acl_, policy::PolicyHolder& policy_,
            const identity::IdentityResolver& identity_, events::EventSink* events_,
            const Clock& clock_, BlockAnswer block_, size_t workers)
      : settings(config.dns),
        node(config.node),
        acl(std::move(acl_)),
        policy(policy_),
        identity(identity_),
        events(events_),
        clock(clock_),
        block(block_),
        cache({.max_entries = config.dns.cache_entries, .serve_stale = config.dns.serve_stale}),
        limiter(config.dns.rate_limit_qps),
        refused_events(config.dns.refused_events_per_minute),
        stats(workers) {}

  const ServeConfig::Dns settings;
  const uint32_t node;
  const net::NetworkAcl acl;
  policy::PolicyHolder& policy;
  const identity::IdentityResolver& identity;  // who is asking, as the proxy and portal see it
  events::EventSink* const events;  // may be null: events off (tests, benchmarks)
  const Clock& clock;
  const BlockAnswer block;
  AnswerCache cache;
  RateLimiter limiter;
  EventBudget refused_events;  // events for queries from outside the school networks
  DnsStats stats;
};

// Monotonic milliseconds, for the cache, the limiter and latencies.
int64_t steadyMs();
int64_t steadyUs();

}  // namespace esafety::dns
