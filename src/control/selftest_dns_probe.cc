// The self-test's query to the DNS filter (selftest_probe.h): one A question
// over UDP from the group's self-test address, read as blocked or not.
#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "control/selftest_probe.h"
#include "core/clock.h"

namespace esafety::control {
namespace {

using store::SelftestOutcome;

constexpr uint16_t kTypeA = 1;
constexpr uint16_t kTypeSoa = 6;
constexpr size_t kHeader = 12;

uint16_t read16(std::span<const uint8_t> p, size_t at) {
  return static_cast<uint16_t>((p[at] << 8) | p[at + 1]);
}

// Skips a (possibly compressed) name at `at`; returns the offset after it,
// or 0 when it runs off the message.
size_t skipName(std::span<const uint8_t> p, size_t at) {
  while (at < p.size()) {
    const uint8_t len = p[at];
    if ((len & 0xC0) == 0xC0) return at + 2 <= p.size() ? at + 2 : 0;
    if (len == 0) return at + 1;
    at += 1 + len;
  }
  return 0;
}

// A socket address for `ip` and `port` (IPv4 or IPv6); false if not an address.
bool toSockaddr(const std::string& ip, uint16_t port, sockaddr_storage& out, socklen_t& len) {
  std::memset(&out, 0, sizeof out);
  auto* v4 = reinterpret_cast<sockaddr_in*>(&out);
  if (inet_pton(AF_INET, ip.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    len = sizeof(sockaddr_in);
    return true;
  }
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&out);
  if (inet_pton(AF_INET6, ip.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    len = sizeof(sockaddr_in6);
    return true;
  }
  return false;
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::vector<uint8_t> dnsQuery(uint16_t id, std::string_view name) {
  std::vector<uint8_t> q = {static_cast<uint8_t>(id >> 8), static_cast<uint8_t>(id & 0xFF),
                            0x01, 0x00,  // RD
                            0, 1, 0, 0, 0, 0, 0, 0};
  while (!name.empty()) {
    const size_t dot = name.find('.');
    const std::string_view label = name.substr(0, dot);
    q.push_back(static_cast<uint8_t>(std::min<size_t>(label.size(), 63)));
    q.insert(q.end(), label.begin(), label.begin() + std::min<size_t>(label.size(), 63));
    if (dot == std::string_view::npos) break;
    name.remove_prefix(dot + 1);
  }
  q.insert(q.end(), {0, 0, kTypeA, 0, 1});
  return q;
}

ProbeResult readDnsAnswer(std::span<const uint8_t> p, uint16_t id, const DnsBlockAnswer& block) {
  if (p.size() < kHeader || read16(p, 0) != id) return {SelftestOutcome::kError, "a malformed reply"};
  const int rcode = p[3] & 0x0F;
  const uint16_t questions = read16(p, 4), answers = read16(p, 6), authority = read16(p, 8);
  size_t at = kHeader;
  for (uint16_t i = 0; i < questions; ++i) {
    at = skipName(p, at);
    if (at == 0 || at + 4 > p.size()) return {SelftestOutcome::kError, "a malformed reply"};
    at += 4;
  }
  if (rcode == 5) return {SelftestOutcome::kError, "REFUSED: the address is not in the school networks"};
  if (rcode == 2) return {SelftestOutcome::kAllowed, "SERVFAIL: passed on to the upstream"};
  // The records: A addresses, and whether the authority holds a SOA.
  std::vector<std::string> addresses;
  bool soa = false;
  for (uint32_t i = 0; i < uint32_t{answers} + authority; ++i) {
    at = skipName(p, at);
    if (at == 0 || at + 10 > p.size()) return {SelftestOutcome::kError, "a malformed reply"};
    const uint16_t type = read16(p, at), length = read16(p, at + 8);
    at += 10;
    if (at + length > p.size()) return {SelftestOutcome::kError, "a malformed reply"};
    if (i < answers && type == kTypeA && length == 4) {
      addresses.push_back(fmt::format("{}.{}.{}.{}", p[at], p[at + 1], p[at + 2], p[at + 3]));
    }
    if (i >= answers && type == kTypeSoa) soa = true;
    at += length;
  }
  if (rcode == 3) {
    if (block.mode == DnsBlockAnswer::Mode::kNxDomain && !soa) {
      return {SelftestOutcome::kBlocked, "NXDOMAIN (the filter's block answer)"};
    }
    return {SelftestOutcome::kAllowed, "NXDOMAIN from the upstream"};
  }
  if (rcode != 0) return {SelftestOutcome::kError, fmt::format("rcode {}", rcode)};
  for (const std::string& a : addresses) {
    if (block.mode == DnsBlockAnswer::Mode::kZero && a == "0.0.0.0") {
      return {SelftestOutcome::kBlocked, "0.0.0.0 (the filter's block answer)"};
    }
    if (block.mode == DnsBlockAnswer::Mode::kAddress) {
      for (const std::string& b : block.addresses) {
        if (a == b) return {SelftestOutcome::kBlocked, fmt::format("{} (the block page)", a)};
      }
    }
  }
  if (addresses.empty()) return {SelftestOutcome::kAllowed, "no address (passed on)"};
  return {SelftestOutcome::kAllowed, fmt::format("resolved to {}", addresses.front())};
}

ProbeResult NetworkProber::dns(const SelftestTarget& target) {
  if (!listeners_.dns) return {SelftestOutcome::kError, "the DNS filter is off"};
  sockaddr_storage server{}, source{};
  socklen_t server_len = 0, source_len = 0;
  if (!toSockaddr(listeners_.dns->host, listeners_.dns->port, server, server_len)) {
    return {SelftestOutcome::kError, fmt::format("'{}' is not an address", listeners_.dns->host)};
  }
  if (!toSockaddr(target.source_ip, 0, source, source_len) || source.ss_family != server.ss_family) {
    return {SelftestOutcome::kError,
            fmt::format("cannot send from {} to {}", target.source_ip, listeners_.dns->toString())};
  }
  Fd sock{::socket(server.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0)};
  if (sock.fd < 0) return {SelftestOutcome::kError, fmt::format("socket: {}", std::strerror(errno))};
  if (::bind(sock.fd, reinterpret_cast<sockaddr*>(&source), source_len) != 0) {
    return {SelftestOutcome::kError,
            fmt::format("cannot send from {}: {}", target.source_ip, std::strerror(errno))};
  }
  const uint16_t id = next_id_++;
  const std::vector<uint8_t> query = dnsQuery(id, target.host);
  if (::sendto(sock.fd, query.data(), query.size(), 0, reinterpret_cast<sockaddr*>(&server),
               server_len) < 0) {
    return {SelftestOutcome::kError, fmt::format("send: {}", std::strerror(errno))};
  }
  SystemClock clock;
  const int64_t deadline = clock.nowUnixMs() + listeners_.timeout_ms;
  std::array<uint8_t, 4096> reply{};
  for (;;) {
    const int64_t left = deadline - clock.nowUnixMs();
    if (left <= 0) break;
    pollfd pfd{sock.fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    const ssize_t n = ::recv(sock.fd, reply.data(), reply.size(), 0);
    if (n < 0) return {SelftestOutcome::kError, fmt::format("receive: {}", std::strerror(errno))};
    if (n >= 2 && read16(std::span<const uint8_t>(reply.data(), 2), 0) != id) continue;  // stale
    return readDnsAnswer(std::span<const uint8_t>(reply.data(), static_cast<size_t>(n)), id,
                         listeners_.dns_block);
  }
  return {SelftestOutcome::kError, fmt::format("no answer from the DNS filter in {} ms",
                                               listeners_.timeout_ms)};
}

}  // namespace esafety::control
