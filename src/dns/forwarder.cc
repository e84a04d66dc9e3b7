#include "dns/forwarder.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <chrono>
#include <fmt/format.h>

#include "dns/message_writer.h"

namespace esafety::dns {
namespace {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using asio::ip::tcp;
using asio::ip::udp;
using SteadyClock = std::chrono::steady_clock;
constexpr auto kUse = asio::as_tuple(asio::use_awaitable);

enum class Attempt { kAnswer, kTruncated, kFailed };

bool serverFailure(uint8_t rcode) {
  return rcode == static_cast<uint8_t>(Rcode::kServFail) ||
         rcode == static_cast<uint8_t>(Rcode::kNotImp) ||
         rcode == static_cast<uint8_t>(Rcode::kRefused) ||
         rcode == static_cast<uint8_t>(Rcode::kFormErr);
}

Attempt classify(const Answer& a) {
  if (a.truncated) return Attempt::kTruncated;
  return serverFailure(a.rcode) ? Attempt::kFailed : Attempt::kAnswer;
}

}  // namespace

struct Forwarder::Impl : std::enable_shared_from_this<Forwarder::Impl> {
  Impl(asio::io_context& io_, std::chrono::milliseconds budget_, DnsStats::Worker& stats_,
       RandomIds& ids_)
      : io(io_), budget(budget_), stats(stats_), ids(ids_) {}

  asio::io_context& io;
  std::vector<asio::ip::address> addresses;
  std::vector<uint16_t> ports;
  std::chrono::milliseconds budget;
  DnsStats::Worker& stats;
  RandomIds& ids;
  size_t preferred = 0;  // the upstream that answered last

  asio::awaitable<Attempt> udpAttempt(size_t u, const Name& name, uint16_t qtype,
                                      uint16_t qclass, SteadyClock::time_point deadline,
                                      Answer& out) {
    udp::endpoint ep(addresses[u], ports[u]);
    udp::socket sock(io);
    boost::system::error_code ec;
    // connect() binds a kernel-chosen random port and filters other senders.
    if (sock.open(ep.protocol(), ec); ec) co_return Attempt::kFailed;
    if (sock.connect(ep, ec); ec) co_return Attempt::kFailed;
    uint16_t id = ids.next();
    std::array<uint8_t, 512> query;
    size_t size = writeQuery(id, name, qtype, qclass, query);
    auto [send_ec, sent] = co_await sock.async_send(asio::buffer(query.data(), size), kUse);
    if (send_ec) co_return Attempt::kFailed;
    asio::steady_timer timer(io);
    timer.expires_at(deadline);
    std::array<uint8_t, 4096> buffer;
    for (;;) {
      auto result = co_await (sock.async_receive(asio::buffer(buffer), kUse) ||
                              timer.async_wait(kUse));
      if (result.index() == 1) co_return Attempt::kFailed;  // timed out
      auto [recv_ec, n] = std::get<0>(result);
      if (recv_ec) co_return Attempt::kFailed;  // e.g. port unreachable
      switch (parseResponse(std::span(buffer.data(), n), id, {&name, qtype, qclass}, out)) {
        case ResponseOutcome::kMismatch: continue;  // not ours: keep listening
        case ResponseOutcome::kMalformed: co_return Attempt::kFailed;
        case ResponseOutcome::kOk: co_return classify(out);
      }
    }
  }

  asio::awaitable<Attempt> tcpAttempt(size_t u, const Name& name, uint16_t qtype,
                                      uint16_t qclass, SteadyClock::time_point deadline,
                                      Answer& out) {
    tcp::endpoint ep(addresses[u], ports[u]);
    tcp::socket sock(io);
    asio::steady_timer timer(io);
    timer.expires_at(deadline);
    auto connected = co_await (sock.async_connect(ep, kUse) || timer.async_wait(kUse));
    if (connected.index() == 1 || std::get<0>(std::get<0>(connected))) co_return Attempt::kFailed;
    uint16_t id = ids.next();
    std::array<uint8_t, 514> query;
    size_t size = writeQuery(id, name, qtype, qclass, std::span(query).subspan(2));
    store16(query.data(), static_cast<uint16_t>(size));
    auto wrote = co_await (asio::async_write(sock, asio::buffer(query.data(), size + 2), kUse) ||
                           timer.async_wait(kUse));
    if (wrote.index() == 1 || std::get<0>(std::get<0>(wrote))) co_return Attempt::kFailed;
    std::array<uint8_t, 2> length;
    auto got = co_await (asio::async_read(sock, asio::buffer(length), kUse) ||
                         timer.async_wait(kUse));
    if (got.index() == 1 || std::get<0>(std::get<0>(got))) co_return Attempt::kFailed;
    std::vector<uint8_t> body(load16(length.data()));
    auto read = co_await (asio::async_read(sock, asio::buffer(body), kUse) ||
                          timer.async_wait(kUse));
    if (read.index() == 1 || std::get<0>(std::get<0>(read))) co_return Attempt::kFailed;
    if (parseResponse(body, id, {&name, qtype, qclass}, out) != ResponseOutcome::kOk) {
      co_return Attempt::kFailed;
    }
    // Truncated over TCP makes no sense: treat as a failure.
    co_return out.truncated ? Attempt::kFailed : classify(out);
  }

  asio::awaitable<void> run(Name name, uint16_t qtype, uint16_t qclass,
                            std::shared_ptr<Callback> done) {
    auto self = shared_from_this();
    const auto start = SteadyClock::now();
    const auto deadline = start + budget;
    const size_t n = addresses.size();
    const size_t attempts = std::max<size_t>(2, n);
    const auto slice = budget / static_cast<int64_t>(attempts);
    const size_t first = preferred;
    Answer answer;
    for (size_t i = 0; i < attempts; ++i) {
      auto now = SteadyClock::now();
      if (now >= deadline) break;
      size_t u = (first + i) % n;
      auto attempt_deadline = i + 1 == attempts ? deadline : std::min<SteadyClock::time_point>(deadline, now + slice);
      bump(stats.upstream_queries);
      Attempt r = co_await udpAttempt(u, name, qtype, qclass, attempt_deadline, answer);
      if (r == Attempt::kTruncated) {
        bump(stats.upstream_tcp);
        r = co_await tcpAttempt(u, name, qtype, qclass, deadline, answer);
      }
      if (r == Attempt::kAnswer) {
        preferred = u;
        auto cb = std::move(*done);
        *done = nullptr;
        cb(Status::ok(), answer);
        co_return;
      }
      bump(stats.upstream_failures);
      if (u == preferred) preferred = (u + 1) % n;  // fail over for everyone on this worker
    }
    auto cb = std::move(*done);
    *done = nullptr;
    answer.clear();
    cb(Status(StatusCode::kUnavailable,
              fmt::format("no upstream answered {} within {} ms", name.text(), budget.count())),
       answer);
  }
};

Forwarder::Forwarder(asio::io_context& io, const std::vector<Endpoint>& upstreams,
                     uint32_t timeout_ms, DnsStats::Worker& stats, RandomIds& ids)
    : impl_(std::make_shared<Impl>(io, std::chrono::milliseconds(timeout_ms), stats, ids)) {
  for (const Endpoint& e : upstreams) {
    boost::system::error_code ec;
    auto address = asio::ip::make_address(e.host, ec);
    if (ec) continue;  // validateUpstreams() refused it at start-up
    impl_->addresses.push_back(address);
    impl_->ports.push_back(e.port);
  }
}

Forwarder::~Forwarder() = default;

void Forwarder::resolve(const Name& name, uint16_t qtype, uint16_t qclass, Callback done) {
  auto cb = std::make_shared<Callback>(std::move(done));
  if (impl_->addresses.empty()) {
    Answer none;
    (*cb)(failedPrecondition("no upstream resolvers are configured"), none);
    return;
  }
  asio::co_spawn(impl_->io, impl_->run(name, qtype, qclass, cb), [cb](std::exception_ptr e) {
    // Only something like bad_alloc gets here; answer rather than leave the client hanging.
    if (e && *cb) {
      Answer none;
      (*cb)(internalError("forwarding failed unexpectedly"), none);
    }
  });
}

size_t Forwarder::writeQuery(uint16_t id, const Name& name, uint16_t qtype, uint16_t qclass,
                             std::span<uint8_t> out) {
  MessageWriter w(out, out.size());
  w.begin({id, flag::kRd, 0, 0, 0, 0});
  (void)w.question(name.wire(), qtype, qclass);
  (void)w.opt(kMaxUdpSize, 0);
  return w.finish().size();
}

Status validateUpstreams(const std::vector<Endpoint>& upstreams) {
  if (upstreams.empty()) return invalidArgument("dns.upstreams: at least one resolver is needed");
  for (const Endpoint& e : upstreams) {
    boost::system::error_code ec;
    asio::ip::make_address(e.host, ec);
    if (ec || e.port == 0) {
      return invalidArgument(fmt::format(
          "dns.upstreams: '{}' is not an IP address and port (e.g. \"10.0.0.53:53\")",
          e.toString()));
    }
  }
  return Status::ok();
}

}  // namespace esafety::dns
