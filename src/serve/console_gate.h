// ConsoleGate: who may talk to the console listener, and under which names,
// decided from the connection and the request head before anything else is
// read (docs/operations.md, "The console listener"):
//
//   - the client must be in [school] networks or [console] admin_networks,
//     or be the server itself (loopback);
//     the client is the peer, or, when the peer is one of [console]
//     trusted_proxies, the last address of its X-Forwarded-For;
//   - the Host header must be an IP address or one of [console] names
//     (default: the listen address and public_url's host), so a page that
//     rebinds its own name to the console's address gets nothing (DNS
//     rebinding: its requests carry its own name);
//   - /metrics needs "Authorization: Bearer <[console] metrics_token>", or,
//     with no token configured, a loopback client.
//
//   auto gate = ConsoleGate::make(config);             // at start-up
//   auto client = gate->client(peer_bytes, req["X-Forwarded-For"]);
//   if (!client || !gate->allowsClient(client->address)) refuse(403);
//   if (!gate->allowsHost(req[http::field::host])) refuse(421);
//
// Immutable after make(); safe from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "net/ip_network.h"

namespace esafety::serve {

class ConsoleGate {
 public:
  struct Client {
    std::vector<uint8_t> address;  // 4 or 16 bytes
    std::string ip;                // as text: "10.20.4.117", "fd00::5"
  };

  // Errors name the setting ([console] trusted_proxies, ...).
  static Result<ConsoleGate> make(const ServeConfig& config);

  // Who the request is from. kInvalidArgument when a trusted proxy sends an
  // X-Forwarded-For whose last entry is not an IP address.
  Result<Client> client(std::span<const uint8_t> peer, std::string_view forwarded_for) const;
  bool allowsClient(std::span<const uint8_t> address) const;
  // `host` is the Host header as sent ("esafety.school:8080", "[::1]:8080", "").
  bool allowsHost(std::string_view host) const;
  bool allowsMetrics(std::span<const uint8_t> client, std::string_view authorization) const;

  const std::vector<std::string>& names() const { return names_; }

 private:
  net::NetworkAcl clients_;
  net::NetworkAcl trusted_proxies_;
  std::vector<std::string> names_;  // lower case, without port or brackets
  std::string metrics_token_;
};

// "Esafety.School:8080" -> "esafety.school"; "[::1]:8080" -> "::1"; a
// trailing dot goes. Exposed for tests.
std::string hostOnly(std::string_view host_header);

}  // namespace esafety::serve
