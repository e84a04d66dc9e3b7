#include "core/config.h"

#include <arpa/inet.h>

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <toml++/toml.h>

namespace esafety {
namespace {

struct Reader {
  const std::string& path;
  Status error;

  std::string where(const toml::node& node, std::string_view key) const {
    return fmt::format("{}:{}: {}", path, node.source().begin.line, key);
  }
  bool fail(const toml::node& node, std::string_view key, std::string_view what) {
    if (error.isOk()) error = invalidArgument(fmt::format("{}: {}", where(node, key), what));
    return false;
  }

  void boolean(const toml::table& t, std::string_view key, bool& out) {
    if (const toml::node* n = t.get(key)) {
      if (auto v = n->value<bool>()) {
        out = *v;
      } else {
        fail(*n, key, "must be true or false");
      }
    }
  }
  template <typename Int>
  void integer(const toml::table& t, std::string_view key, Int& out, int64_t min, int64_t max) {
    if (const toml::node* n = t.get(key)) {
      auto v = n->value<int64_t>();
      if (!v || *v < min || *v > max) {
        fail(*n, key, fmt::format("must be a whole number from {} to {}", min, max));
      } else {
        out = static_cast<Int>(*v);
      }
    }
  }
  void string(const toml::table& t, std::string_view key, std::string& out,
              std::initializer_list<std::string_view> allowed = {}) {
    if (const toml::node* n = t.get(key)) {
      auto v = n->value<std::string>();
      if (!v) {
        fail(*n, key, "must be text in quotes");
        return;
      }
      if (allowed.size() > 0 && std::find(allowed.begin(), allowed.end(), std::string_view(*v)) == allowed.end()) {
        std::string options;
        for (auto a : allowed) options += (options.empty() ? "" : ", ") + std::string(a);
        fail(*n, key, fmt::format("'{}' is not one of: {}", *v, options));
        return;
      }
      out = *v;
    }
  }
  void endpoints(const toml::table& t, std::string_view key, std::vector<Endpoint>& out) {
    const toml::node* n = t.get(key);
    if (!n) return;
    const toml::array* a = n->as_array();
    if (!a) {
      fail(*n, key, "must be a list like [\"127.0.0.1:3128\"]");
      return;
    }
    std::vector<Endpoint> parsed;
    for (const auto& item : *a) {
      auto text = item.value<std::string>();
      auto ep = text ? parseEndpoint(*text) : Result<Endpoint>(invalidArgument("must be text"));
      if (!ep) {
        fail(item, key, ep.status().message());
        return;
      }
      parsed.push_back(*ep);
    }
    out = std::move(parsed);
  }
  void endpoint(const toml::table& t, std::string_view key, Endpoint& out) {
    if (const toml::node* n = t.get(key)) {
      auto text = n->value<std::string>();
      auto ep = text ? parseEndpoint(*text) : Result<Endpoint>(invalidArgument("must be text"));
      if (!ep) {
        fail(*n, key, ep.status().message());
      } else {
        out = *ep;
      }
    }
  }
  void networks(const toml::table& t, std::string_view key, std::vector<std::string>& out) {
    const toml::node* n = t.get(key);
    if (!n) return;
    const toml::array* a = n->as_array();
    if (!a) {
      fail(*n, key, "must be a list like [\"10.0.0.0/8\"]");
      return;
    }
    std::vector<std::string> parsed;
    for (const auto& item : *a) {
      auto text = item.value<std::string>();
      if (!text) {
        fail(item, key, "must be text");
        return;
      }
      std::string addr = text->substr(0, text->find('/'));
      unsigned char buf[16];
      bool v4 = inet_pton(AF_INET, addr.c_str(), buf) == 1;
      bool v6 = !v4 && inet_pton(AF_INET6, addr.c_str(), buf) == 1;
      int max_prefix = v4 ? 32 : 128;
      bool prefix_ok = true;
      if (auto slash = text->find('/'); slash != std::string::npos) {
        std::string len = text->substr(slash + 1);
        prefix_ok = !len.empty() && len.size() <= 3 &&
                    len.find_first_not_of("0123456789") == std::string::npos &&
                    std::stoi(len) <= max_prefix;
      }
      if ((!v4 && !v6) || !prefix_ok) {
        fail(item, key, fmt::format("'{}' is not a network like 10.0.0.0/8", *text));
        return;
      }
      parsed.push_back(*text);
    }
    out = std::move(parsed);
  }
  template <typename Check>
  void strings(const toml::table& t, std::string_view key, std::vector<std::string>& out,
               Check check, std::string_view expected) {
    const toml::node* n = t.get(key);
    if (!n) return;
    const toml::array* a = n->as_array();
    if (!a) {
      fail(*n, key, "must be a list");
      return;
    }
    std::vector<std::string> parsed;
    for (const auto& item : *a) {
      auto v = item.value<std::string>();
      if (!v || !check(*v)) {
        fail(item, key, fmt::format("{}: {}", v ? *v : "(not text)", expected));
        return;
      }
      parsed.push_back(*v);
    }
    out = std::move(parsed);
  }
  void ports(const toml::table& t, std::string_view key, std::vector<uint16_t>& out) {
    const toml::node* n = t.get(key);
    if (!n) return;
    const toml::array* a = n->as_array();
    if (!a) {
      fail(*n, key, "must be a list of port numbers");
      return;
    }
    std::vector<uint16_t> parsed;
    for (const auto& item : *a) {
      auto v = item.value<int64_t>();
      if (!v || *v < 1 || *v > 65535) {
        fail(item, key, "port numbers are 1 to 65535");
        return;
      }
      parsed.push_back(static_cast<uint16_t>(*v));
    }
    out = std::move(parsed);
  }
};

// [proxy] internal_allow: a network ("10.0.0.0/8", "fd00::/8", "192.0.2.7")
// or a host name (letters, digits, hyphens and dots).
bool internalAllowEntry(const std::string& entry) {
  std::string addr = entry.substr(0, entry.find('/'));
  unsigned char buf[16];
  const bool v4 = inet_pton(AF_INET, addr.c_str(), buf) == 1;
  if (v4 || inet_pton(AF_INET6, addr.c_str(), buf) == 1) {
    auto slash = entry.find('/');
    if (slash == std::string::npos) return true;
    std::string len = entry.substr(slash + 1);
    return !len.empty() && len.size() <= 3 && len.find_first_not_of("0123456789") == std::string::npos &&
           std::stoi(len) <= (v4 ? 32 : 128);
  }
  if (entry.empty() || entry.size() > 253 || entry.front() == '.' || entry.front() == '-') return false;
  if (entry.find_first_not_of("0123456789.") == std::string::npos) return false;  // a bad address
  return std::all_of(entry.begin(), entry.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
  });
}

const toml::table* section(const toml::table& root, std::string_view name, Reader& r) {
  const toml::node* n = root.get(name);
  if (!n) return nullptr;
  if (!n->is_table()) {
    r.fail(*n, name, "must be a [section]");
    return nullptr;
  }
  return n->as_table();
}

// [console] tls, tls_cert, tls_key, and what they ask of public_url.
void consoleTls(const toml::table& t, Reader& r, ServeConfig::Console& console) {
  r.string(t, "tls", console.tls, {"off", "school-ca", "files"});
  r.string(t, "tls_cert", console.tls_cert);
  r.string(t, "tls_key", console.tls_key);
  const toml::node* mode = t.get("tls");
  if (console.tls == "files") {
    if (console.tls_cert.empty()) r.fail(*mode, "tls", "\"files\" needs tls_cert (the certificate, PEM)");
    if (console.tls_key.empty()) r.fail(*mode, "tls", "\"files\" needs tls_key (its private key, PEM)");
  } else {
    for (std::string_view key : {"tls_cert", "tls_key"}) {
      if (const toml::node* n = t.get(key)) {
        r.fail(*n, key, fmt::format("is only read with tls = \"files\" (tls is \"{}\")", console.tls));
      }
    }
  }
  if (!console.tlsOn()) return;
  if (const toml::node* url = t.get("public_url")) {
    if (!console.public_url.starts_with("https://")) {
      r.fail(*url, "public_url", "must start with https:// when the console serves TLS ([console] tls)");
    }
  } else {
    Endpoint shown = console.listen;
    if (shown.host == "0.0.0.0" || shown.host == "::") shown.host = "127.0.0.1";
    console.public_url = "https://" + shown.toString();
  }
}

// [proxy]
void readProxy(const toml::table& t, Reader& r, ServeConfig::Proxy& proxy) {
  r.boolean(t, "enabled", proxy.enabled);
  r.endpoints(t, "listen", proxy.listen);
  r.ports(t, "connect_ports", proxy.connect_ports);
  r.integer(t, "header_limit_bytes", proxy.header_limit_bytes, 4096, 1 << 20);
  r.integer(t, "idle_timeout_s", proxy.idle_timeout_s, 1, 3600);
  r.integer(t, "header_timeout_s", proxy.header_timeout_s, 1, 600);
  r.integer(t, "upstream_connect_timeout_s", proxy.upstream_connect_timeout_s, 1, 600);
  r.integer(t, "upstream_timeout_s", proxy.upstream_timeout_s, 1, 3600);
  r.integer(t, "max_connections", proxy.max_connections, 1, 1000000);
  r.integer(t, "upstream_pool_per_host", proxy.upstream_pool_per_host, 0, 1024);
  r.strings(t, "static_hosts", proxy.static_hosts, [](const std::string& v) {
    auto eq = v.find('=');
    unsigned char buf[16];
    std::string addr = eq == std::string::npos ? "" : v.substr(eq + 1);
    return eq != std::string::npos && eq > 0 &&
           (inet_pton(AF_INET, addr.c_str(), buf) == 1 || inet_pton(AF_INET6, addr.c_str(), buf) == 1);
  }, "entries look like \"name=192.0.2.10\"");
  r.ports(t, "http_ports", proxy.http_ports);
  r.strings(t, "internal_allow", proxy.internal_allow, internalAllowEntry,
            "entries are networks like \"10.20.0.0/16\" or host names like \"intranet.example\"");
  r.integer(t, "max_connections_per_client", proxy.max_connections_per_client, 1, 1000000);
}

// [dns]
void readDns(const toml::table& t, Reader& r, ServeConfig::Dns& dns) {
  r.boolean(t, "enabled", dns.enabled);
  r.endpoints(t, "listen", dns.listen);
  r.endpoints(t, "upstreams", dns.upstreams);
  r.string(t, "block_answer", dns.block_answer, {"nxdomain", "zero", "blockpage"});
  r.integer(t, "cache_entries", dns.cache_entries, 0, 10000000);
  r.boolean(t, "serve_stale", dns.serve_stale);
  r.integer(t, "rate_limit_qps", dns.rate_limit_qps, 0, 1000000);
  r.integer(t, "upstream_timeout_ms", dns.upstream_timeout_ms, 50, 60000);
  r.integer(t, "refused_events_per_minute", dns.refused_events_per_minute, 0, 1000000);
}

// [console]
void readConsole(const toml::table& t, Reader& r, ServeConfig::Console& console) {
  r.endpoint(t, "listen", console.listen);
  r.string(t, "public_url", console.public_url);
  r.integer(t, "max_connections", console.max_connections, 1, 100000);
  r.integer(t, "max_connections_per_client", console.max_connections_per_client, 1, 100000);
  r.integer(t, "max_streams", console.max_streams, 1, 100000);
  r.integer(t, "max_streams_per_client", console.max_streams_per_client, 1, 100000);
  r.integer(t, "stream_heartbeat_s", console.stream_heartbeat_s, 1, 300);
  r.networks(t, "admin_networks", console.admin_networks);
  r.strings(t, "names", console.names, [](const std::string& v) {
    return !v.empty() && v.size() <= 255 && v.find_first_of(" /\t\r\n") == std::string::npos;
  }, "names look like \"esafety.school.internal\" or \"10.20.0.5:8080\"");
  r.string(t, "metrics_token", console.metrics_token);
  r.networks(t, "trusted_proxies", console.trusted_proxies);
  consoleTls(t, r, console);
}

}  // namespace

std::string Endpoint::toString() const {
  return host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, port)
                                             : fmt::format("{}:{}", host, port);
}

Result<Endpoint> parseEndpoint(std::string_view text) {
  Endpoint ep;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return invalidArgument(fmt::format("'{}' is not [address]:port", text));
    }
    ep.host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
      return invalidArgument(fmt::format("'{}' is not host:port", text));
    }
    ep.host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
  }
  uint32_t port = 0;
  for (char c : port_text) {
    if (c < '0' || c > '9' || port > 65535) {
      return invalidArgument(fmt::format("'{}' has an invalid port", text));
    }
    port = port * 10 + static_cast<uint32_t>(c - '0');
  }
  if (port_text.empty() || port > 65535) {
    return invalidArgument(fmt::format("'{}' has an invalid port", text));
  }
  ep.port = static_cast<uint16_t>(port);
  return ep;
}

Result<ServeConfig> loadServeConfig(const std::string& path) {
  ServeConfig config;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return config;
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return invalidArgument(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
  Reader r{path, Status::ok()};
  if (const auto* s = section(root, "school", r)) r.networks(*s, "networks", config.school_networks);
  if (const auto* s = section(root, "server", r)) {
    r.integer(*s, "workers", config.workers, 0, 256);
    r.integer(*s, "node", config.node, 0, 65535);
  }
  if (const auto* s = section(root, "proxy", r)) readProxy(*s, r, config.proxy);
  if (const auto* s = section(root, "dns", r)) readDns(*s, r, config.dns);
  if (const auto* s = section(root, "console", r)) readConsole(*s, r, config.console);
  if (const auto* s = section(root, "tls", r)) {
    r.string(*s, "no_inspect_file", config.tls.no_inspect_file);
    r.string(*s, "extra_trust_file", config.tls.extra_trust_file);
    r.integer(*s, "leaf_cache_entries", config.tls.leaf_cache_entries, 1, 10000000);
    r.integer(*s, "leaf_cache_files", config.tls.leaf_cache_files, 1, 10000000);
  }
  if (const auto* s = section(root, "inspect", r)) {
    r.string(*s, "phrase_lists", config.inspect.phrase_lists);
    r.string(*s, "monitoring_lists", config.inspect.monitoring_lists);
    r.integer(*s, "buffer_bytes", config.inspect.buffer_bytes, 0, 64 << 20);
    r.integer(*s, "max_scanned_bytes", config.inspect.max_scanned_bytes, 4096, 1 << 30);
  }
  if (const auto* s = section(root, "events", r)) {
    r.integer(*s, "queue_capacity", config.events.queue_capacity, 1024, 1 << 24);
  }
  if (const auto* s = section(root, "selftest", r)) {
    r.string(*s, "daily_at", config.selftest.daily_at);
    if (config.selftest.daily_at != "off" && config.selftest.dailyMinute() < 0 && s->get("daily_at")) {
      r.fail(*s->get("daily_at"), "daily_at", "must be a time like \"07:30\" or \"off\"");
    }
    r.integer(*s, "timeout_ms", config.selftest.timeout_ms, 100, 60000);
  }
  if (const auto* s = section(root, "lists", r)) {
    r.strings(*s, "folders", config.lists.folders,
              [](const std::string& v) { return v.starts_with('/'); },
              "each folder is a full path, starting with '/'");
    r.integer(*s, "max_file_mb", config.lists.max_file_mb, 1, 1 << 20);
    r.integer(*s, "max_total_mb", config.lists.max_total_mb, 1, 1 << 20);
  }
  if (!r.error.isOk()) return r.error;
  return config;
}

std::string defaultServeConfigText() {
  return R"(# esafety.toml: what `esafety serve` listens on and who it serves.
# Every setting shown is the default; uncomment and change what you need.

[school]
# Only these networks may use the proxy and the DNS server. Add your school's
# LAN (for example "10.20.0.0/16"); everyone else is refused and logged.
# networks = ["127.0.0.0/8", "::1/128"]

[server]
# workers = 0              # data-plane threads; 0 means one per CPU core

[proxy]
# listen = ["127.0.0.1:3128"]         # add "0.0.0.0:3128" and "[::]:3128" to serve the LAN
# connect_ports = [443]               # HTTPS tunnels to other ports are refused
# http_ports = [80, 8080]             # plain web pages from other ports are refused
# internal_allow = []                 # internal servers browsers may reach through the filter:
#                                     # networks ("10.20.5.0/24") or names ("intranet.school.example")
# max_connections_per_client = 256    # open connections per device address
# idle_timeout_s = 60
# header_timeout_s = 15

[dns]
# enabled = true
# listen = ["127.0.0.1:5353"]         # production: "0.0.0.0:53" (see docs/operations.md)
# upstreams = ["127.0.0.1:53"]        # your local authority's resolvers
# block_answer = "nxdomain"           # or "zero" (0.0.0.0 and ::) or "blockpage"
# rate_limit_qps = 0                  # per client; off, because a school sits behind one NAT address
# refused_events_per_minute = 60      # queries from outside the school: all counted, this many logged

[tls]
# TLS inspection, per group: `esafety ca init`, install the CA on devices (the
# console's /ca page), then `esafety ca inspect KS2 on --reason "..."`.
# no_inspect_file = ""                # default <data>/tls/no-inspect.txt: banks, health, government
# extra_trust_file = ""               # extra CAs (PEM) trusted for websites, besides the system's
# leaf_cache_entries = 10000
# leaf_cache_files = 50000            # certificates kept on disk; the oldest are removed

[inspect]
# Phrase scanning, for groups that have it on (pupil groups do): e2guardian's
# weighted, banned and exception phrase lists; each group has its own limit.
# phrase_lists = "/etc/e2guardian/lists"   # e2guardian's root files, or a folder of lists; "" = off
# buffer_bytes = 262144                    # held back while scanning; over the limit after this cuts the page
# max_scanned_bytes = 2097152              # decoded bytes scanned per page; the rest is not looked at
# monitoring_lists = ""                    # the school's own <category>.list files, beside the built-in ones

[selftest]
# The filter self-test (`esafety selftest`; the console's Self-test page) runs
# every day at this time, school local time; "off" for never. It sends each
# group's test names from that group's self-test device (a device in the room
# "Self-test") through the proxy and the DNS filter.
# daily_at = "07:30"
# timeout_ms = 5000                        # per test request

[lists]
# Category lists are read only from these folders (symbolic links resolved),
# and <data>/lists is always one of them. Add the folder you keep a UT1
# download or your own lists in.
# folders = ["/etc/e2guardian/lists", "/usr/share/e2guardian/lists", "/var/lib/squidguard/db", "/var/lib/e2guardian/lists"]
# max_file_mb = 256                        # one list file
# max_total_mb = 2048                      # everything one compile reads

[console]
# listen = "127.0.0.1:8080"
# public_url = "http://127.0.0.1:8080"   # how pupils' browsers reach the console (block page buttons, PAC)
# max_connections = 512                  # open at once; more are refused and counted
# max_connections_per_client = 32        # from one address
# max_streams = 64                       # live pages' event streams open at once
# max_streams_per_client = 4             # from one address
# stream_heartbeat_s = 15                # keep-alive comment on an idle stream
# admin_networks = []                    # who may reach the console besides [school] networks
# names = []                             # Host names it answers to; default: listen address and public_url's host
# metrics_token = ""                     # /metrics needs "Authorization: Bearer <token>"; "" = loopback only
# trusted_proxies = []                   # reverse proxies whose X-Forwarded-For is believed
#
# HTTPS for the console (recommended): "school-ca" mints its certificate from
# the school's CA (`esafety ca init`), which devices already trust for TLS
# inspection, for the names above, and renews it. "files" uses a certificate
# from your LA or a public CA. "off" is plain HTTP (or TLS ended by a reverse
# proxy in front, with trusted_proxies). With TLS on, public_url is https://.
# tls = "off"                            # "school-ca", "files" or "off"
# tls_cert = ""                          # with "files": the certificate (PEM, then any intermediates)
# tls_key = ""                           # with "files": its private key (PEM)
)";
}

int ServeConfig::Selftest::dailyMinute() const {
  // "HH:MM", 00:00 to 23:59.
  if (daily_at.size() != 5 || daily_at[2] != ':') return -1;
  for (size_t i : {0, 1, 3, 4}) {
    if (daily_at[i] < '0' || daily_at[i] > '9') return -1;
  }
  const int hour = (daily_at[0] - '0') * 10 + (daily_at[1] - '0');
  const int minute = (daily_at[3] - '0') * 10 + (daily_at[4] - '0');
  if (hour > 23 || minute > 59) return -1;
  return hour * 60 + minute;
}

}  // namespace esafety
