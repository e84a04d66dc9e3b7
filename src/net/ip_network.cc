#include "net/ip_network.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace esafety::net {
namespace {

bool prefixMatches(const uint8_t* a, const uint8_t* b, int bits) {
  int full = bits / 8;
  if (std::memcmp(a, b, static_cast<size_t>(full)) != 0) return false;
  int rest = bits % 8;
  if (rest == 0) return true;
  uint8_t mask = static_cast<uint8_t>(0xFF << (8 - rest));
  return (a[full] & mask) == (b[full] & mask);
}

}  // namespace

Result<IpNetwork> IpNetwork::parse(std::string_view text) {
  IpNetwork n;
  std::string addr(text.substr(0, text.find('/')));
  if (inet_pton(AF_INET, addr.c_str(), n.address.data()) == 1) {
    n.v4 = true;
    n.prefix = 32;
  } else if (inet_pton(AF_INET6, addr.c_str(), n.address.data()) == 1) {
    n.v4 = false;
    n.prefix = 128;
  } else {
    return invalidArgument(fmt::format("'{}' is not an IP network", text));
  }
  if (auto slash = text.find('/'); slash != std::string_view::npos) {
    std::string_view len = text.substr(slash + 1);
    int value = 0;
    if (len.empty() || len.size() > 3) return invalidArgument(fmt::format("'{}' has a bad prefix", text));
    for (char c : len) {
      if (c < '0' || c > '9') return invalidArgument(fmt::format("'{}' has a bad prefix", text));
      value = value * 10 + (c - '0');
    }
    if (value > (n.v4 ? 32 : 128)) return invalidArgument(fmt::format("'{}' has a bad prefix", text));
    n.prefix = value;
  }
  return n;
}

bool IpNetwork::contains(std::span<const uint8_t> ip) const {
  static const uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (ip.size() == 16 && std::memcmp(ip.data(), kMapped, 12) == 0) ip = ip.subspan(12);
  if (v4) return ip.size() == 4 && prefixMatches(ip.data(), address.data(), prefix);
  return ip.size() == 16 && prefixMatches(ip.data(), address.data(), prefix);
}

std::string IpNetwork::toString() const {
  char buf[INET6_ADDRSTRLEN];
  inet_ntop(v4 ? AF_INET : AF_INET6, address.data(), buf, sizeof buf);
  return fmt::format("{}/{}", buf, prefix);
}

Result<NetworkAcl> NetworkAcl::parse(const std::vector<std::string>& networks) {
  NetworkAcl acl;
  for (const auto& text : networks) {
    auto n = IpNetwork::parse(text);
    if (!n) return n.status();
    acl.networks_.push_back(*n);
  }
  return acl;
}

bool NetworkAcl::allows(std::span<const uint8_t> ip) const {
  return std::any_of(networks_.begin(), networks_.end(),
                     [&](const IpNetwork& n) { return n.contains(ip); });
}

}  // namespace esafety::net
