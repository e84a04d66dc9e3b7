// IpNetwork and NetworkAcl: "is this client one of ours?" The proxy and the
// DNS server refuse every client outside the school's networks, so esafety
// is never an open proxy or an open resolver.
//
//   auto acl = NetworkAcl::parse({"10.20.0.0/16", "::1/128"});
//   if (!acl->allows(peer_bytes)) refuse();
//
// Thread safety: immutable after parse; safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"

namespace esafety::net {

struct IpNetwork {
  std::array<uint8_t, 16> address{};  // IPv4 in the first 4 bytes when v4
  bool v4 = true;
  int prefix = 32;

  static Result<IpNetwork> parse(std::string_view text);  // "10.0.0.0/8", "::1", "fd00::/8"
  // `ip` is 4 or 16 bytes in network order; IPv4-mapped IPv6 counts as IPv4.
  bool contains(std::span<const uint8_t> ip) const;
  std::string toString() const;
};

class NetworkAcl {
 public:
  static Result<NetworkAcl> parse(const std::vector<std::string>& networks);
  bool allows(std::span<const uint8_t> ip) const;
  const std::vector<IpNetwork>& networks() const { return networks_; }

 private:
  std::vector<IpNetwork> networks_;
};

}  // namespace esafety::net
