// Forwarder: asks the configured upstream resolvers a question on behalf of
// the cache, on one worker's io_context.
//
// Each attempt uses a new UDP socket connected to the upstream, so the
// kernel picks a random source port and drops datagrams from anyone else; the
// query id is random (RandomIds). An answer counts only if its id, name, type
// and class match (parseResponse); anything else is ignored and the attempt
// keeps waiting until its deadline. A truncated answer is asked again over
// TCP (length-prefixed, RFC 7766) within the same budget.
//
// Retries and failover: the whole question has `timeout_ms` (the
// `dns.upstream_timeout_ms` setting), split evenly over max(2, upstreams)
// attempts that go round the upstreams starting with the last one that
// worked. A timeout, a refused port, SERVFAIL/REFUSED/NOTIMP or a malformed
// answer moves to the next. When every attempt fails, the callback gets a
// non-OK status no later than the budget (plus scheduling), and the caller
// answers SERVFAIL or a stale answer.
//
//   Forwarder fwd(io, {{"127.0.0.1", 53}}, 1500, stats, ids);
//   fwd.resolve(name, type::kA, kClassIn, [](Status s, const Answer& a) { ... });
//
// Threads: one Forwarder per worker; resolve() and the callback run on that
// worker's thread. The callback is always called exactly once (not after the
// io_context is stopped and destroyed: then it is dropped with the work).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "dns/answer.h"
#include "dns/dns_stats.h"
#include "dns/name.h"
#include "dns/random_ids.h"

namespace boost::asio {
class io_context;
}

namespace esafety::dns {

class Forwarder {
 public:
  using Callback = std::function<void(const Status&, const Answer&)>;

  // Upstream hosts must be IP literals (checked by validateUpstreams()).
  Forwarder(boost::asio::io_context& io, const std::vector<Endpoint>& upstreams,
            uint32_t timeout_ms, DnsStats::Worker& stats, RandomIds& ids);
  ~Forwarder();
  Forwarder(const Forwarder&) = delete;
  Forwarder& operator=(const Forwarder&) = delete;

  void resolve(const Name& name, uint16_t qtype, uint16_t qclass, Callback done);

  // The message sent upstream (RD, EDNS0 with our UDP size), for tests.
  static size_t writeQuery(uint16_t id, const Name& name, uint16_t qtype, uint16_t qclass,
                           std::span<uint8_t> out);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// Every upstream must be an IP address and a port (we never resolve names to
// find our own resolver).
Status validateUpstreams(const std::vector<Endpoint>& upstreams);

}  // namespace esafety::dns
