#include "pages/pac.h"

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/text.h"

namespace esafety::pages {
namespace {

bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

// Lower-cased host name, or nullopt if it holds anything a name cannot.
std::optional<std::string> hostName(std::string_view text) {
  std::string host = asciiLower(trim(text));
  while (host.ends_with('.')) host.pop_back();
  if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-') {
    return std::nullopt;
  }
  for (char c : host) {
    if (!isNameChar(c)) return std::nullopt;
  }
  return host;
}

bool isIpv6Literal(std::string_view text) {
  if (text.empty() || text.size() > 45) return false;
  for (char c : text) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.';
    if (!ok) return false;
  }
  return text.find(':') != std::string_view::npos;
}

std::optional<uint32_t> parseIpv4(std::string_view text) {
  uint32_t address = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (text.empty() || text.front() != '.') return std::nullopt;
      text.remove_prefix(1);
    }
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    size_t used = static_cast<size_t>(end - text.data());
    if (ec != std::errc() || used == 0 || used > 3 || value > 255) return std::nullopt;
    address = (address << 8) | value;
    text.remove_prefix(used);
  }
  if (!text.empty()) return std::nullopt;
  return address;
}

std::string dotted(uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." +
         std::to_string((a >> 8) & 255) + "." + std::to_string(a & 255);
}

// A double-quoted JavaScript string. Validated values never need escaping;
// this keeps the file well-formed even if validation is ever loosened.
std::string jsString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) {
      constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[static_cast<unsigned char>(c) >> 4];
      out += kHex[static_cast<unsigned char>(c) & 15];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

Result<std::string> proxyEntry(std::string_view text) {
  std::string_view entry = trim(text);
  size_t colon = entry.rfind(':');
  if (colon == std::string_view::npos) {
    return invalidArgument("proxy \"" + std::string(entry) + "\" needs a port, as in host:3128");
  }
  std::string_view host = entry.substr(0, colon);
  std::string_view port_text = entry.substr(colon + 1);
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port == 0 ||
      port > 65535) {
    return invalidArgument("proxy \"" + std::string(entry) + "\" has no port between 1 and 65535");
  }
  std::string shown_host;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    std::string v6 = asciiLower(host.substr(1, host.size() - 2));
    if (!isIpv6Literal(v6)) {
      return invalidArgument("proxy \"" + std::string(entry) + "\" is not a valid IPv6 address");
    }
    shown_host = "[" + v6 + "]";
  } else {
    auto name = hostName(host);
    if (!name) return invalidArgument("proxy \"" + std::string(entry) + "\" is not a host name");
    shown_host = *name;
  }
  return "PROXY " + shown_host + ":" + std::to_string(port);
}

struct Network {
  std::string address, mask;  // dotted quads, for isInNet
};

Result<Network> network(std::string_view text) {
  std::string_view cidr = trim(text);
  size_t slash = cidr.find('/');
  auto address = parseIpv4(cidr.substr(0, slash));
  unsigned length = 32;
  if (slash != std::string_view::npos) {
    std::string_view len_text = cidr.substr(slash + 1);
    auto [end, ec] = std::from_chars(len_text.data(), len_text.data() + len_text.size(), length);
    if (ec != std::errc() || end != len_text.data() + len_text.size() || length > 32) {
      address.reset();
    }
  }
  if (!address) {
    return invalidArgument("bypass network \"" + std::string(cidr) +
                           "\" is not IPv4 CIDR, as in 10.20.0.0/16");
  }
  uint32_t mask = length == 0 ? 0 : ~uint32_t{0} << (32 - length);
  return Network{dotted(*address & mask), dotted(mask)};
}

constexpr std::string_view kFunction = R"js(
function isIpv4Literal(host) {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

function FindProxyForURL(url, host) {
  host = host.toLowerCase();
  host = host.replace(/^\[(.*)\]$/, "$1");
  if (host === "::1") return "DIRECT";
  // Older isPlainHostName() only looks for a dot, which would send every IPv6
  // address straight past the filter.
  var ipv6 = host.indexOf(":") >= 0;
  if (!ipv6 && isPlainHostName(host)) return "DIRECT";
  if (host === "localhost" || dnsDomainIs(host, ".localhost")) return "DIRECT";
  var literal = isIpv4Literal(host);
  if (literal && isInNet(host, "127.0.0.0", "255.0.0.0")) return "DIRECT";
  if (consoleHost !== "" && host === consoleHost) return "DIRECT";
  for (var i = 0; i < bypassDomains.length; i++) {
    var domain = bypassDomains[i];
    if (host === domain || dnsDomainIs(host, "." + domain)) return "DIRECT";
  }
  if (bypassNetworks.length > 0) {
    var ip = literal ? host : (resolveForNetworks ? dnsResolve(host) : null);
    if (ip) {
      for (var j = 0; j < bypassNetworks.length; j++) {
        if (isInNet(ip, bypassNetworks[j][0], bypassNetworks[j][1])) return "DIRECT";
      }
    }
  }
  return proxies;
}
)js";

}  // namespace

Result<std::string> renderPac(const PacOptions& options) {
  if (options.proxies.empty()) return invalidArgument("the PAC file needs at least one proxy");
  std::string proxies;
  for (const std::string& p : options.proxies) {
    auto entry = proxyEntry(p);
    if (!entry) return entry.status();
    if (!proxies.empty()) proxies += "; ";
    proxies += *entry;
  }
  if (options.direct_if_proxies_down) proxies += "; DIRECT";

  std::string console_host;
  if (!trim(options.console_host).empty()) {
    std::string_view raw = trim(options.console_host);
    if (raw.size() > 2 && raw.front() == '[' && raw.back() == ']')
      raw = raw.substr(1, raw.size() - 2);
    auto name = isIpv6Literal(asciiLower(raw)) ? std::optional(asciiLower(raw)) : hostName(raw);
    if (!name) {
      return invalidArgument("console host \"" + std::string(raw) +
                             "\" is not a host name (give it without a port)");
    }
    console_host = *name;
  }

  std::string domains;
  for (const std::string& d : options.bypass_domains) {
    std::string_view raw = trim(d);
    if (raw.starts_with("*.")) raw.remove_prefix(2);
    if (raw.starts_with(".")) raw.remove_prefix(1);
    auto name = hostName(raw);
    if (!name)
      return invalidArgument("bypass domain \"" + std::string(trim(d)) + "\" is not a domain");
    domains += (domains.empty() ? "" : ", ") + jsString(*name);
  }

  std::string networks;
  for (const std::string& n : options.bypass_networks) {
    auto net = network(n);
    if (!net) return net.status();
    networks += (networks.empty() ? "[" : ", [") + jsString(net->address) + ", " +
                jsString(net->mask) + "]";
  }

  std::string pac =
      "// Proxy auto-config for esafety, the school's web filter.\n"
      "// Generated from the filter's settings: change those, not this file.\n";
  pac += "var proxies = " + jsString(proxies) + ";\n";
  pac += "var consoleHost = " + jsString(console_host) + ";\n";
  pac += "var bypassDomains = [" + domains + "];\n";
  pac += "var bypassNetworks = [" + networks + "];\n";
  pac += std::string("var resolveForNetworks = ") +
         (options.resolve_for_networks ? "true" : "false") + ";\n";
  pac += kFunction;
  return pac;
}

}  // namespace esafety::pages
