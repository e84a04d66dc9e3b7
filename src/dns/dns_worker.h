// DnsWorker: one data-plane thread's share of the DNS service: its own UDP
// socket and TCP acceptor on every listen endpoint (SO_REUSEPORT, so the
// kernel spreads clients over the workers), its Forwarder and its
// QueryPipeline.
//
// UDP: when the socket is readable, recvmmsg() takes up to kMaxBatch
// datagrams, the pipeline decides them together (one decideHosts() per
// group), and sendmmsg() sends the immediate answers. Answers that wait for an
// upstream go out with sendto() when they come.
//
// TCP (RFC 7766): one coroutine per connection; 2-byte length prefix, 10 s
// to receive each query, at most kMaxTcpQueries queries per connection and
// kMaxTcpConnections connections per worker, answers in order.
//
//   DnsWorker w(shared, io, 0);
//   if (auto s = w.listen(endpoints); !s) return s;   // control thread, before or while io runs
//   ... io.run() on the worker thread ...
//   w.stop();                                         // any thread: closes the listeners
//
// Threads: listen() and stop() from the control thread; everything else on
// the worker's io_context thread. Destroy only after that io_context has
// stopped running.
#pragma once

#include <memory>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "dns/dns_shared.h"

namespace boost::asio {
class io_context;
}

namespace esafety::dns {

inline constexpr size_t kMaxTcpQueries = 1000;
inline constexpr size_t kMaxTcpConnections = 512;
inline constexpr int kTcpIdleSeconds = 10;

class DnsWorker {
 public:
  DnsWorker(DnsShared& shared, boost::asio::io_context& io, size_t index);
  ~DnsWorker();
  DnsWorker(const DnsWorker&) = delete;
  DnsWorker& operator=(const DnsWorker&) = delete;

  // Binds UDP and TCP on every endpoint. Port 0 binds an ephemeral port; the
  // endpoints are updated to what was bound, so later workers share it.
  Status listen(std::vector<Endpoint>& endpoints);
  // Called on one worker once every worker listens: the kernel then hands
  // each datagram to a random worker's socket instead of hashing the client's
  // address and port, so a few busy clients (a school's NAT, a resolver in
  // front of us) cannot pile onto one worker while the others idle.
  Status spreadUdp(size_t workers);
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace esafety::dns
