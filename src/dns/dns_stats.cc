#include "dns/dns_stats.h"

namespace esafety::dns {

DnsCounts DnsStats::total() const {
  DnsCounts t;
  for (const Worker& w : workers_) {
    auto get = [](const std::atomic<uint64_t>& c) { return c.load(std::memory_order_relaxed); };
    t.queries += get(w.queries);
    t.answered += get(w.answered);
    t.tcp_queries += get(w.tcp_queries);
    t.udp_batches += get(w.udp_batches);
    t.cache_hits += get(w.cache_hits);
    t.cache_misses += get(w.cache_misses);
    t.stale_answers += get(w.stale_answers);
    t.blocked += get(w.blocked);
    t.rewritten += get(w.rewritten);
    t.canary += get(w.canary);
    t.refused += get(w.refused);
    t.refused_clients += get(w.refused_clients);
    t.refused_unlogged += get(w.refused_unlogged);
    t.malformed += get(w.malformed);
    t.rate_limited += get(w.rate_limited);
    t.truncated += get(w.truncated);
    t.upstream_queries += get(w.upstream_queries);
    t.upstream_failures += get(w.upstream_failures);
    t.upstream_tcp += get(w.upstream_tcp);
    t.servfail += get(w.servfail);
    t.events_dropped += get(w.events_dropped);
    t.event_pauses += get(w.event_pauses);
  }
  return t;
}

}  // namespace esafety::dns
