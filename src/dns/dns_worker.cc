#include "dns/dns_worker.h"

#include <linux/filter.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <chrono>
#include <cstring>
#include <fmt/format.h>

#include "dns/forwarder.h"
#include "dns/query_pipeline.h"
#include "dns/random_ids.h"

namespace esafety::dns {
namespace {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using asio::ip::tcp;
using asio::ip::udp;
using Item = QueryPipeline::Item;
constexpr auto kUse = asio::as_tuple(asio::use_awaitable);
constexpr size_t kMaxQuerySize = 4096;  // larger datagrams are not queries
constexpr int kMaxRoundsPerWake = 16;   // then yield to TCP and upstream work
constexpr auto kCongestionPause = std::chrono::microseconds(200);

ClientAddress clientFrom(const sockaddr_storage& ss) {
  ClientAddress c;
  if (ss.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&ss);
    std::memcpy(c.bytes.data(), &in->sin_addr, 4);
    c.size = 4;
  } else if (ss.ss_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&ss);
    if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
      std::memcpy(c.bytes.data(), in6->sin6_addr.s6_addr + 12, 4);
      c.size = 4;
    } else {
      std::memcpy(c.bytes.data(), in6->sin6_addr.s6_addr, 16);
      c.size = 16;
    }
  }
  return c;
}

ClientAddress clientFrom(const asio::ip::address& a) {
  ClientAddress c;
  if (a.is_v4()) {
    auto b = a.to_v4().to_bytes();
    std::memcpy(c.bytes.data(), b.data(), 4);
    c.size = 4;
  } else if (a.to_v6().is_v4_mapped()) {
    auto b = a.to_v6().to_bytes();
    std::memcpy(c.bytes.data(), b.data() + 12, 4);
    c.size = 4;
  } else {
    auto b = a.to_v6().to_bytes();
    std::memcpy(c.bytes.data(), b.data(), 16);
    c.size = 16;
  }
  return c;
}

template <typename Socket>
Status reusePort(Socket& s, const Endpoint& e) {
  int one = 1;
  if (::setsockopt(s.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0) {
    return ioError(fmt::format("dns: SO_REUSEPORT on {}: {}", e.toString(), std::strerror(errno)));
  }
  return Status::ok();
}

struct UdpListener {
  explicit UdpListener(asio::io_context& io) : socket(io), pause(io) {}
  udp::socket socket;
  asio::steady_timer pause;  // waiting for the event writer to catch up
  std::array<std::array<uint8_t, kMaxQuerySize>, kMaxBatch> in;
  std::array<std::array<uint8_t, kMaxUdpSize>, kMaxBatch> out;
  std::array<sockaddr_storage, kMaxBatch> addrs;
  std::array<iovec, kMaxBatch> in_iov;
  std::array<mmsghdr, kMaxBatch> in_msgs;
  std::array<iovec, kMaxBatch> out_iov;
  std::array<mmsghdr, kMaxBatch> out_msgs;
  std::array<Item, kMaxBatch> items;
  QueryPipeline::ReplyFactory make_reply;
};

struct TcpWait {
  explicit TcpWait(asio::io_context& io) : timer(io) {}
  asio::steady_timer timer;
  std::vector<uint8_t> frame;  // [length][answer]
  bool ready = false;
};

void frameInto(std::vector<uint8_t>& frame, std::span<const uint8_t> answer) {
  frame.resize(2 + answer.size());
  store16(frame.data(), static_cast<uint16_t>(answer.size()));
  std::memcpy(frame.data() + 2, answer.data(), answer.size());
}

}  // namespace

struct DnsWorker::Impl {
  Impl(DnsShared& shared_, asio::io_context& io_, size_t index)
      : shared(shared_),
        io(io_),
        stats(shared_.stats.worker(index)),
        forwarder(io_, shared_.settings.upstreams, shared_.settings.upstream_timeout_ms, stats,
                  ids),
        pipeline(shared_, stats, forwarder),
        tcp_out(std::make_unique<std::array<uint8_t, kMaxMessage>>()) {}

  DnsShared& shared;
  asio::io_context& io;
  DnsStats::Worker& stats;
  RandomIds ids;
  Forwarder forwarder;
  QueryPipeline pipeline;
  std::vector<std::unique_ptr<UdpListener>> udp_listeners;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
  std::unique_ptr<std::array<uint8_t, kMaxMessage>> tcp_out;  // immediate TCP answers
  size_t tcp_connections = 0;
  bool stopped = false;

  Status bindUdp(Endpoint& e) {
    boost::system::error_code ec;
    auto address = asio::ip::make_address(e.host, ec);
    if (ec) return invalidArgument(fmt::format("dns.listen: '{}' is not an IP address", e.host));
    udp::endpoint ep(address, e.port);
    auto l = std::make_unique<UdpListener>(io);
    if (l->socket.open(ep.protocol(), ec); ec) {
      return ioError(fmt::format("dns: UDP socket for {}: {}", e.toString(), ec.message()));
    }
    l->socket.set_option(asio::socket_base::reuse_address(true), ec);
    ESAFETY_RETURN_IF_ERROR(reusePort(l->socket, e));
    if (address.is_v6()) l->socket.set_option(asio::ip::v6_only(true), ec);
    l->socket.set_option(asio::socket_base::receive_buffer_size(4 << 20), ec);
    if (l->socket.bind(ep, ec); ec) {
      return ioError(fmt::format("dns: cannot listen on udp {}: {}", e.toString(), ec.message()));
    }
    l->socket.non_blocking(true, ec);
    e.port = l->socket.local_endpoint(ec).port();
    UdpListener* raw = l.get();
    l->make_reply = [this, raw](const Item& item) -> QueryPipeline::Reply {
      sockaddr_storage addr = raw->addrs[item.transport_slot];
      socklen_t len = raw->in_msgs[item.transport_slot].msg_hdr.msg_namelen;
      return [this, raw, addr, len](std::span<const uint8_t> answer) {
        if (stopped || !raw->socket.is_open()) return;
        // Non-blocking: a full socket buffer drops the answer, as UDP may.
        (void)::sendto(raw->socket.native_handle(), answer.data(), answer.size(), MSG_DONTWAIT,
                       reinterpret_cast<const sockaddr*>(&addr), len);
      };
    };
    udp_listeners.push_back(std::move(l));
    return Status::ok();
  }

  Status bindTcp(const Endpoint& e) {
    boost::system::error_code ec;
    tcp::endpoint ep(asio::ip::make_address(e.host, ec), e.port);
    auto a = std::make_unique<tcp::acceptor>(io);
    if (a->open(ep.protocol(), ec); ec) {
      return ioError(fmt::format("dns: TCP socket for {}: {}", e.toString(), ec.message()));
    }
    a->set_option(asio::socket_base::reuse_address(true), ec);
    ESAFETY_RETURN_IF_ERROR(reusePort(*a, e));
    if (ep.address().is_v6()) a->set_option(asio::ip::v6_only(true), ec);
    if (a->bind(ep, ec); ec) {
      return ioError(fmt::format("dns: cannot listen on tcp {}: {}", e.toString(), ec.message()));
    }
    if (a->listen(asio::socket_base::max_listen_connections, ec); ec) {
      return ioError(fmt::format("dns: listen on tcp {}: {}", e.toString(), ec.message()));
    }
    acceptors.push_back(std::move(a));
    return Status::ok();
  }

  void waitUdp(UdpListener& l) {
    l.socket.async_wait(udp::socket::wait_read, [this, &l](const boost::system::error_code& ec) {
      if (!ec && !stopped) drainUdp(l);
    });
  }

  // Reads and answers the datagrams waiting on `l`. `paused` says this call
  // follows a congestion pause, so its first batch is read whatever the
  // queue's state.
  void drainUdp(UdpListener& l, bool paused = false) {
    const int fd = l.socket.native_handle();
    for (int round = 0; round < kMaxRoundsPerWake; ++round) {
      if (!(paused && round == 0) && shared.events != nullptr && shared.events->congested()) {
        // Every query must become a stored event: while the writer is
        // behind (short of CPU: it shares the cores with the workers), give
        // it kCongestionPause before the next batch rather than outrun it
        // and have the queue drop events. The clients' datagrams wait in
        // the socket buffer. One pause per batch bounds the slowdown (a
        // stuck disk fills the queue for good, and then the queue drops and
        // counts while DNS still answers at over 100,000 queries a second).
        bump(stats.event_pauses);
        l.pause.expires_after(kCongestionPause);
        l.pause.async_wait([this, &l](const boost::system::error_code& ec) {
          if (!ec && !stopped) drainUdp(l, /*paused=*/true);
        });
        return;
      }
      for (size_t i = 0; i < kMaxBatch; ++i) {
        l.in_iov[i] = {l.in[i].data(), l.in[i].size()};
        std::memset(&l.in_msgs[i], 0, sizeof(mmsghdr));
        l.in_msgs[i].msg_hdr.msg_name = &l.addrs[i];
        l.in_msgs[i].msg_hdr.msg_namelen = sizeof(sockaddr_storage);
        l.in_msgs[i].msg_hdr.msg_iov = &l.in_iov[i];
        l.in_msgs[i].msg_hdr.msg_iovlen = 1;
      }
      int n = ::recvmmsg(fd, l.in_msgs.data(), kMaxBatch, MSG_DONTWAIT, nullptr);
      if (n <= 0) break;  // EAGAIN: wait for more
      bump(stats.udp_batches);
      for (int i = 0; i < n; ++i) {
        Item& item = l.items[i];
        const auto& hdr = l.in_msgs[i].msg_hdr;
        bool oversize = (hdr.msg_flags & MSG_TRUNC) != 0;
        item.packet = oversize ? std::span<const uint8_t>()
                               : std::span<const uint8_t>(l.in[i].data(), l.in_msgs[i].msg_len);
        item.client = clientFrom(l.addrs[i]);
        item.limit = kClassicUdpSize;
        item.tcp = false;
        item.out = l.out[i];
        item.make_reply = &l.make_reply;
        item.transport_slot = static_cast<size_t>(i);
      }
      pipeline.run(std::span(l.items.data(), static_cast<size_t>(n)));
      sendBatch(l, static_cast<size_t>(n));
      if (static_cast<size_t>(n) < kMaxBatch) break;
      if (round + 1 == kMaxRoundsPerWake) {
        asio::post(io, [this, &l] {
          if (!stopped) drainUdp(l);
        });
        return;
      }
    }
    waitUdp(l);
  }

  void sendBatch(UdpListener& l, size_t n) {
    unsigned m = 0;
    for (size_t i = 0; i < n; ++i) {
      const Item& item = l.items[i];
      if (item.response.empty()) continue;
      l.out_iov[m] = {const_cast<uint8_t*>(item.response.data()), item.response.size()};
      std::memset(&l.out_msgs[m], 0, sizeof(mmsghdr));
      l.out_msgs[m].msg_hdr.msg_name = &l.addrs[i];
      l.out_msgs[m].msg_hdr.msg_namelen = l.in_msgs[i].msg_hdr.msg_namelen;
      l.out_msgs[m].msg_hdr.msg_iov = &l.out_iov[m];
      l.out_msgs[m].msg_hdr.msg_iovlen = 1;
      ++m;
    }
    for (unsigned sent = 0; sent < m;) {
      int r = ::sendmmsg(l.socket.native_handle(), &l.out_msgs[sent], m - sent, MSG_DONTWAIT);
      if (r <= 0) {
        if (r < 0 && errno == EINTR) continue;
        break;  // socket buffer full: the rest are lost, as UDP may lose them
      }
      sent += static_cast<unsigned>(r);
    }
  }

  asio::awaitable<void> acceptLoop(tcp::acceptor& acceptor) {
    asio::steady_timer backoff(io);
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(kUse);
      if (stopped || !acceptor.is_open()) co_return;
      if (ec) {  // e.g. out of file descriptors: pause rather than spin
        backoff.expires_after(std::chrono::milliseconds(100));
        co_await backoff.async_wait(kUse);
        continue;
      }
      if (tcp_connections >= kMaxTcpConnections) continue;  // closed as it goes out of scope
      ++tcp_connections;
      asio::co_spawn(io, serveTcp(std::move(socket)),
                     [this](std::exception_ptr) { --tcp_connections; });
    }
  }

  asio::awaitable<void> serveTcp(tcp::socket socket) {
    boost::system::error_code ec;
    auto peer = socket.remote_endpoint(ec);
    if (ec) co_return;
    auto wait = std::make_shared<TcpWait>(io);
    QueryPipeline::ReplyFactory make_reply = [wait](const Item&) -> QueryPipeline::Reply {
      return [wait](std::span<const uint8_t> answer) {
        frameInto(wait->frame, answer);
        wait->ready = true;
        wait->timer.cancel();
      };
    };
    Item item;
    item.client = clientFrom(peer.address());
    std::array<uint8_t, 2> length;
    std::vector<uint8_t> query;
    const auto idle = std::chrono::seconds(kTcpIdleSeconds);
    const auto upstream_wait =
        std::chrono::milliseconds(shared.settings.upstream_timeout_ms) + std::chrono::seconds(2);
    for (size_t n = 0; n < kMaxTcpQueries && !stopped; ++n) {
      wait->timer.expires_after(idle);
      auto got = co_await (asio::async_read(socket, asio::buffer(length), kUse) ||
                           wait->timer.async_wait(kUse));
      if (got.index() == 1 || std::get<0>(std::get<0>(got))) break;
      size_t size = load16(length.data());
      if (size < kHeaderSize) break;
      query.resize(size);
      auto body = co_await (asio::async_read(socket, asio::buffer(query), kUse) ||
                            wait->timer.async_wait(kUse));
      if (body.index() == 1 || std::get<0>(std::get<0>(body))) break;

      item.packet = query;
      item.tcp = true;
      item.limit = kMaxMessage;
      item.out = *tcp_out;
      item.make_reply = &make_reply;
      wait->ready = false;
      pipeline.run(std::span(&item, 1));
      if (item.pending && !wait->ready) {
        wait->timer.expires_after(upstream_wait);
        co_await wait->timer.async_wait(kUse);  // the reply cancels it
        if (!wait->ready) break;
      } else if (!item.pending) {
        if (item.response.empty()) break;  // dropped (rate limit, junk): hang up
        frameInto(wait->frame, item.response);
      }
      wait->timer.expires_after(idle);
      auto wrote = co_await (asio::async_write(socket, asio::buffer(wait->frame), kUse) ||
                             wait->timer.async_wait(kUse));
      if (wrote.index() == 1 || std::get<0>(std::get<0>(wrote))) break;
    }
    socket.close(ec);
  }
};

Status DnsWorker::spreadUdp(size_t workers) {
  // ld random; A %= workers; return A: the index of the socket in the group.
  sock_filter code[] = {
      {BPF_LD | BPF_W | BPF_ABS, 0, 0, static_cast<uint32_t>(SKF_AD_OFF + SKF_AD_RANDOM)},
      {BPF_ALU | BPF_MOD | BPF_K, 0, 0, static_cast<uint32_t>(workers)},
      {BPF_RET | BPF_A, 0, 0, 0},
  };
  sock_fprog program{static_cast<unsigned short>(std::size(code)), code};
  for (auto& l : impl_->udp_listeners) {
    if (::setsockopt(l->socket.native_handle(), SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, &program,
                     sizeof program) != 0) {
      return ioError(fmt::format("dns: SO_ATTACH_REUSEPORT_CBPF: {}", std::strerror(errno)));
    }
  }
  return Status::ok();
}

DnsWorker::DnsWorker(DnsShared& shared, asio::io_context& io, size_t index)
    : impl_(std::make_unique<Impl>(shared, io, index)) {}

DnsWorker::~DnsWorker() = default;

Status DnsWorker::listen(std::vector<Endpoint>& endpoints) {
  for (Endpoint& e : endpoints) {
    ESAFETY_RETURN_IF_ERROR(impl_->bindUdp(e));
    ESAFETY_RETURN_IF_ERROR(impl_->bindTcp(e));
  }
  Impl* impl = impl_.get();
  asio::post(impl->io, [impl] {
    for (auto& l : impl->udp_listeners) impl->waitUdp(*l);
    for (auto& a : impl->acceptors) {
      asio::co_spawn(impl->io, impl->acceptLoop(*a), asio::detached);
    }
  });
  return Status::ok();
}

void DnsWorker::stop() {
  Impl* impl = impl_.get();
  asio::post(impl->io, [impl] {
    impl->stopped = true;
    boost::system::error_code ec;
    for (auto& l : impl->udp_listeners) {
      l->socket.close(ec);
      l->pause.cancel();
    }
    for (auto& a : impl->acceptors) a->close(ec);
  });
}

}  // namespace esafety::dns
