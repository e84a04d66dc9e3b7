// DnsStats: what the DNS service counts, for the console and /metrics. One
// block per worker thread (each on its own cache lines), summed on read, so
// the data plane never shares a counter between cores.
//
//   stats.worker(i).queries.fetch_add(1, std::memory_order_relaxed);   // worker i only
//   DnsCounts total = stats.total();                                   // any thread
//
// When core/metrics.h (MetricsRegistry) is in the tree, DnsService registers
// these as collector callbacks; the counts stay here.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace esafety::dns {

struct DnsCounts {
  uint64_t queries = 0;         // every datagram or TCP message received
  uint64_t answered = 0;        // every response sent
  uint64_t tcp_queries = 0;
  uint64_t udp_batches = 0;     // recvmmsg calls that returned datagrams
  uint64_t cache_hits = 0;
  uint64_t cache_misses = 0;
  uint64_t stale_answers = 0;   // serve-stale used because every upstream failed
  uint64_t blocked = 0;         // block answers (policy, DoH resolvers)
  uint64_t rewritten = 0;       // safe-search CNAMEs
  uint64_t canary = 0;          // use-application-dns.net
  uint64_t refused = 0;         // outside the ACL, zone transfers, odd classes
  uint64_t refused_clients = 0;   // of those, clients outside the school networks
  uint64_t refused_unlogged = 0;  // of those, not logged (over refused_events_per_minute)
  uint64_t malformed = 0;       // FORMERR, NOTIMP, BADVERS, or dropped
  uint64_t rate_limited = 0;    // dropped by the per-client limit
  uint64_t truncated = 0;       // TC sent over UDP
  uint64_t upstream_queries = 0;
  uint64_t upstream_failures = 0;  // one attempt: timeout, refused, SERVFAIL, garbage
  uint64_t upstream_tcp = 0;       // TCP fallbacks after TC
  uint64_t servfail = 0;           // every upstream failed and nothing stale
  uint64_t events_dropped = 0;     // the event sink was full
  uint64_t event_pauses = 0;       // UDP batches held back for the event writer
};

class DnsStats {
 public:
  struct alignas(64) Worker {
    std::atomic<uint64_t> queries{0};
    std::atomic<uint64_t> answered{0};
    std::atomic<uint64_t> tcp_queries{0};
    std::atomic<uint64_t> udp_batches{0};
    std::atomic<uint64_t> cache_hits{0};
    std::atomic<uint64_t> cache_misses{0};
    std::atomic<uint64_t> stale_answers{0};
    std::atomic<uint64_t> blocked{0};
    std::atomic<uint64_t> rewritten{0};
    std::atomic<uint64_t> canary{0};
    std::atomic<uint64_t> refused{0};
    std::atomic<uint64_t> refused_clients{0};
    std::atomic<uint64_t> refused_unlogged{0};
    std::atomic<uint64_t> malformed{0};
    std::atomic<uint64_t> rate_limited{0};
    std::atomic<uint64_t> truncated{0};
    std::atomic<uint64_t> upstream_queries{0};
    std::atomic<uint64_t> upstream_failures{0};
    std::atomic<uint64_t> upstream_tcp{0};
    std::atomic<uint64_t> servfail{0};
    std::atomic<uint64_t> events_dropped{0};
    std::atomic<uint64_t> event_pauses{0};
  };

  explicit DnsStats(size_t workers) : workers_(workers == 0 ? 1 : workers) {}
  Worker& worker(size_t i) { return workers_[i % workers_.size()]; }
  DnsCounts total() const;

 private:
  std::vector<Worker> workers_;
};

// Relaxed increment, for the worker that owns the counter.
inline void bump(std::atomic<uint64_t>& c, uint64_t n = 1) {
  c.store(c.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
}

}  // namespace esafety::dns
