// UpstreamGuard: may the proxy connect to this address? A filtering proxy
// that fetches whatever address a device names is a way into the school's
// own network: the console's /metrics, a printer's admin page, the cloud
// metadata service at 169.254.169.254. So the proxy refuses, as upstreams,
// every address that is not on the public internet:
//
//   loopback      127.0.0.0/8, ::1
//   link-local    169.254.0.0/16, fe80::/10
//   private       10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fec0::/10
//   cgnat         100.64.0.0/10 (shared address space)
//   ula           fc00::/7 (unique local)
//   unspecified   0.0.0.0/8, ::
//   reserved      224.0.0.0/3 (multicast, reserved, broadcast), ff00::/8
//   own-address   any address of this server's interfaces (getifaddrs)
//
// IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address. The one
// exception is the school's allow-list (`[proxy] internal_allow`): networks
// ("10.20.0.0/16") whose addresses may be reached, and host names
// ("intranet.school.example", and names under it) that may resolve anywhere.
//
// The check is made on the addresses the proxy is about to connect to, after
// name resolution (static hosts or the system resolver), and those same
// addresses are then connected: there is no second lookup for DNS rebinding
// to slip between (upstream_connect.cc).
//
//   auto guard = UpstreamGuard::make(config.proxy.internal_allow, localInterfaceAddresses());
//   AddressKind kind = guard->check("intranet.example", address_bytes);
//   if (kind != AddressKind::kPublic) refuse, saying addressKindWords(kind);
//
// Thread safety: immutable after make(); safe from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "net/ip_network.h"

namespace esafety::proxy {

enum class AddressKind : uint8_t {
  kPublic,  // may be reached
  kLoopback,
  kLinkLocal,
  kPrivate,
  kCgnat,
  kUniqueLocal,
  kUnspecified,
  kReserved,
  kOwn,  // one of this server's own addresses
};

// "loopback", "link-local", "private", ...: the event's tag.
std::string_view addressKindTag(AddressKind kind);
// "a loopback address", "this server's own address", ...: for the page.
std::string_view addressKindWords(AddressKind kind);

// Which built-in range `ip` (4 or 16 bytes, network order) is in; kPublic
// when none. Does not know the server's own addresses or the allow-list.
AddressKind classifyAddress(std::span<const uint8_t> ip);

// An address the guard refused, as connect time reports it.
struct AddressRefusal {
  AddressKind kind = AddressKind::kPublic;
  std::string address;  // "10.0.0.1", "::1"
};

class UpstreamGuard {
 public:
  // Refuses every internal address; allows nothing.
  UpstreamGuard() = default;
  // `allow`: `[proxy] internal_allow` (networks and host names; a bad entry
  // is an error naming it). `own`: this server's addresses.
  static Result<UpstreamGuard> make(const std::vector<std::string>& allow, std::vector<net::IpNetwork> own);

  // kPublic when the proxy may connect to `ip` for `host` (the name asked
  // for, normalised; the address's text for a literal): a public address, an
  // allow-listed one, or any address of an allow-listed name. Otherwise why not.
  AddressKind check(std::string_view host, std::span<const uint8_t> ip) const;

  bool hostAllowed(std::string_view host) const;
  size_t ownAddresses() const { return own_.size(); }

 private:
  net::NetworkAcl allowed_networks_;
  std::vector<std::string> allowed_hosts_;  // lower case
  std::vector<net::IpNetwork> own_;
};

// This server's interface addresses (getifaddrs), each as a /32 or /128.
// Empty (and logged) when the system will not say.
std::vector<net::IpNetwork> localInterfaceAddresses();

}  // namespace esafety::proxy
