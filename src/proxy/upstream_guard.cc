#include "proxy/upstream_guard.h"

#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "classify/url.h"

namespace esafety::proxy {
namespace {

AddressKind classifyV4(const uint8_t* a) {
  if (a[0] == 127) return AddressKind::kLoopback;
  if (a[0] == 10) return AddressKind::kPrivate;
  if (a[0] == 172 && (a[1] & 0xF0) == 16) return AddressKind::kPrivate;
  if (a[0] == 192 && a[1] == 168) return AddressKind::kPrivate;
  if (a[0] == 169 && a[1] == 254) return AddressKind::kLinkLocal;
  if (a[0] == 100 && (a[1] & 0xC0) == 64) return AddressKind::kCgnat;
  if (a[0] == 0) return AddressKind::kUnspecified;
  if (a[0] >= 224) return AddressKind::kReserved;
  return AddressKind::kPublic;
}

AddressKind classifyV6(const uint8_t* a) {
  static const uint8_t kZero[15] = {};
  if (std::memcmp(a, kZero, 15) == 0) {
    if (a[15] == 0) return AddressKind::kUnspecified;
    if (a[15] == 1) return AddressKind::kLoopback;
  }
  if (a[0] == 0xfe && (a[1] & 0xC0) == 0x80) return AddressKind::kLinkLocal;
  if (a[0] == 0xfe && (a[1] & 0xC0) == 0xC0) return AddressKind::kPrivate;  // site-local, deprecated
  if ((a[0] & 0xFE) == 0xfc) return AddressKind::kUniqueLocal;
  if (a[0] == 0xff) return AddressKind::kReserved;
  return AddressKind::kPublic;
}

// ::ffff:a.b.c.d as a.b.c.d.
std::span<const uint8_t> unmapped(std::span<const uint8_t> ip) {
  static const uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (ip.size() == 16 && std::memcmp(ip.data(), kMapped, 12) == 0) return ip.subspan(12);
  return ip;
}

bool looksLikeNetwork(std::string_view entry) {
  return entry.find(':') != std::string_view::npos || entry.find('/') != std::string_view::npos ||
         (!entry.empty() && entry.find_first_not_of("0123456789.") == std::string_view::npos);
}

}  // namespace

std::string_view addressKindTag(AddressKind kind) {
  switch (kind) {
    case AddressKind::kPublic: return "public";
    case AddressKind::kLoopback: return "loopback";
    case AddressKind::kLinkLocal: return "link-local";
    case AddressKind::kPrivate: return "private";
    case AddressKind::kCgnat: return "cgnat";
    case AddressKind::kUniqueLocal: return "ula";
    case AddressKind::kUnspecified: return "unspecified";
    case AddressKind::kReserved: return "reserved";
    case AddressKind::kOwn: return "own-address";
  }
  return "unknown";
}

std::string_view addressKindWords(AddressKind kind) {
  switch (kind) {
    case AddressKind::kPublic: return "a public address";
    case AddressKind::kLoopback: return "a loopback address (this computer)";
    case AddressKind::kLinkLocal: return "a link-local address";
    case AddressKind::kPrivate: return "a private network address";
    case AddressKind::kCgnat: return "a shared (carrier-grade NAT) address";
    case AddressKind::kUniqueLocal: return "a unique local IPv6 address";
    case AddressKind::kUnspecified: return "the unspecified address";
    case AddressKind::kReserved: return "a multicast or reserved address";
    case AddressKind::kOwn: return "this filter server's own address";
  }
  return "an address that is not allowed";
}

AddressKind classifyAddress(std::span<const uint8_t> ip) {
  ip = unmapped(ip);
  if (ip.size() == 4) return classifyV4(ip.data());
  if (ip.size() == 16) return classifyV6(ip.data());
  return AddressKind::kUnspecified;
}

Result<UpstreamGuard> UpstreamGuard::make(const std::vector<std::string>& allow,
                                          std::vector<net::IpNetwork> own) {
  UpstreamGuard guard;
  std::vector<std::string> networks;
  for (const std::string& entry : allow) {
    if (looksLikeNetwork(entry)) {
      if (!net::IpNetwork::parse(entry)) {
        return invalidArgument(fmt::format("proxy.internal_allow: '{}' is not a network like 10.0.0.0/8", entry));
      }
      networks.push_back(entry);
      continue;
    }
    auto host = classify::normalizeHost(entry);
    if (!host) {
      return invalidArgument(fmt::format("proxy.internal_allow: '{}' is not a network or a host name", entry));
    }
    guard.allowed_hosts_.push_back(std::move(*host));
  }
  auto acl = net::NetworkAcl::parse(networks);
  if (!acl) return acl.status();
  guard.allowed_networks_ = std::move(*acl);
  guard.own_ = std::move(own);
  return guard;
}

bool UpstreamGuard::hostAllowed(std::string_view host) const {
  for (const std::string& name : allowed_hosts_) {
    if (host == name) return true;
    if (host.size() > name.size() && host.ends_with(name) && host[host.size() - name.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

AddressKind UpstreamGuard::check(std::string_view host, std::span<const uint8_t> ip) const {
  AddressKind kind = classifyAddress(ip);
  if (kind == AddressKind::kPublic) {
    const bool own = std::any_of(own_.begin(), own_.end(), [&](const net::IpNetwork& n) { return n.contains(ip); });
    if (!own) return AddressKind::kPublic;
    kind = AddressKind::kOwn;
  }
  if (allowed_networks_.allows(ip) || hostAllowed(host)) return AddressKind::kPublic;
  return kind;
}

std::vector<net::IpNetwork> localInterfaceAddresses() {
  std::vector<net::IpNetwork> out;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) {
    spdlog::warn("cannot list this server's addresses (getifaddrs: {}); the proxy refuses only the "
                 "built-in internal ranges", std::strerror(errno));
    return out;
  }
  for (ifaddrs* i = list; i != nullptr; i = i->ifa_next) {
    if (i->ifa_addr == nullptr) continue;
    net::IpNetwork n;
    if (i->ifa_addr->sa_family == AF_INET) {
      const auto* sin = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
      std::memcpy(n.address.data(), &sin->sin_addr, 4);
      n.v4 = true;
      n.prefix = 32;
    } else if (i->ifa_addr->sa_family == AF_INET6) {
      const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(i->ifa_addr);
      std::memcpy(n.address.data(), &sin6->sin6_addr, 16);
      n.v4 = false;
      n.prefix = 128;
    } else {
      continue;
    }
    out.push_back(n);
  }
  freeifaddrs(list);
  return out;
}

}  // namespace esafety::proxy
