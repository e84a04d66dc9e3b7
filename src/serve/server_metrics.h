// The metrics `esafety serve` exports at /metrics beyond those the event
// pipeline registers itself: decisions by step, and the proxy's counters.
#pragma once

#include "core/metrics.h"
#include "dns/dns_service.h"
#include "policy/decision.h"
#include "policy/policy_holder.h"
#include "proxy/proxy_stats.h"

namespace esafety::serve {

// Everything referenced must outlive the registry's last render.
void registerServerMetrics(MetricsRegistry& registry, const policy::StepCounters& steps,
                           const proxy::ProxyStats* proxy, const policy::PolicyHolder& holder);

// The DNS filter's counters, read at scrape time. `dns` must outlive the registry's last render.
void registerDnsMetrics(MetricsRegistry& registry, const dns::DnsService& dns);

}  // namespace esafety::serve
