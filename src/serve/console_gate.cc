#include "serve/console_gate.h"

#include <arpa/inet.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace esafety::serve {
namespace {

// The address in `text` as 4 or 16 bytes; empty when it is not one.
std::vector<uint8_t> parseAddress(std::string_view text) {
  std::string s(text);
  std::vector<uint8_t> out(16);
  if (inet_pton(AF_INET, s.c_str(), out.data()) == 1) {
    out.resize(4);
    return out;
  }
  if (inet_pton(AF_INET6, s.c_str(), out.data()) == 1) return out;
  return {};
}

std::string addressText(std::span<const uint8_t> address) {
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(address.size() == 4 ? AF_INET : AF_INET6, address.data(), text, sizeof text);
  return text;
}

bool isLoopback(std::span<const uint8_t> a) {
  if (a.size() == 4) return a[0] == 127;
  static constexpr uint8_t kV6Loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  static constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (a.size() != 16) return false;
  if (std::equal(a.begin(), a.end(), kV6Loopback)) return true;
  return std::equal(a.begin(), a.begin() + 12, kMappedPrefix) && a[12] == 127;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string hostOnly(std::string_view host_header) {
  std::string_view h = trim(host_header);
  if (!h.empty() && h.front() == '[') {
    size_t close = h.find(']');
    h = close == std::string_view::npos ? h.substr(1) : h.substr(1, close - 1);
  } else if (h.find(':') == h.rfind(':')) {  // one colon at most: name:port
    h = h.substr(0, h.find(':'));
  }
  std::string out(h);
  if (!out.empty() && out.back() == '.') out.pop_back();
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Result<ConsoleGate> ConsoleGate::make(const ServeConfig& config) {
  ConsoleGate gate;
  std::vector<std::string> clients = config.school_networks;
  clients.insert(clients.end(), config.console.admin_networks.begin(), config.console.admin_networks.end());
  // The server itself (its administrator, a local Prometheus or health check).
  clients.insert(clients.end(), {"127.0.0.0/8", "::1/128"});
  auto acl = net::NetworkAcl::parse(clients);
  if (!acl) return invalidArgument("[console] admin_networks: " + acl.status().message());
  gate.clients_ = std::move(*acl);
  auto proxies = net::NetworkAcl::parse(config.console.trusted_proxies);
  if (!proxies) return invalidArgument("[console] trusted_proxies: " + proxies.status().message());
  gate.trusted_proxies_ = std::move(*proxies);
  if (config.console.names.empty()) {
    gate.names_.push_back(hostOnly(config.console.listen.host));
    std::string_view url = config.console.public_url;
    if (auto scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
    url = url.substr(0, url.find('/'));
    if (auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
    if (!url.empty()) gate.names_.push_back(hostOnly(url));
  } else {
    for (const auto& name : config.console.names) gate.names_.push_back(hostOnly(name));
  }
  gate.metrics_token_ = config.console.metrics_token;
  return gate;
}

Result<ConsoleGate::Client> ConsoleGate::client(std::span<const uint8_t> peer,
                                                std::string_view forwarded_for) const {
  Client c;
  c.address.assign(peer.begin(), peer.end());
  if (!forwarded_for.empty() && trusted_proxies_.allows(peer)) {
    std::string_view last = forwarded_for.substr(forwarded_for.rfind(',') + 1);
    std::vector<uint8_t> forwarded = parseAddress(trim(last));
    if (forwarded.empty()) {
      return invalidArgument(fmt::format("X-Forwarded-For's last entry '{}' is not an IP address",
                                         std::string(trim(last)).substr(0, 64)));
    }
    c.address = std::move(forwarded);
  }
  c.ip = addressText(c.address);
  return c;
}

bool ConsoleGate::allowsClient(std::span<const uint8_t> address) const { return clients_.allows(address); }

bool ConsoleGate::allowsHost(std::string_view host) const {
  std::string h = hostOnly(host);
  // An address cannot be rebound; a request without a Host (HTTP/1.0) does
  // not come from a browser page.
  if (h.empty() || !parseAddress(h).empty()) return true;
  return std::find(names_.begin(), names_.end(), h) != names_.end();
}

bool ConsoleGate::allowsMetrics(std::span<const uint8_t> client, std::string_view authorization) const {
  if (metrics_token_.empty()) return isLoopback(client);
  constexpr std::string_view kBearer = "Bearer ";
  std::string_view given = trim(authorization);
  if (!given.starts_with(kBearer)) return false;
  given.remove_prefix(kBearer.size());
  return given.size() == metrics_token_.size() &&
         sodium_memcmp(given.data(), metrics_token_.data(), given.size()) == 0;
}

}  // namespace esafety::serve
