// ServeConfig: what `esafety serve` listens on and who it serves, read from
// `<data>/esafety.toml` (toml++). Every setting has a sane default, so a
// missing file means "the defaults"; a wrong value is an error that names the
// file, the line and the setting, and the process does not start.
//
//   auto config = loadServeConfig("var/esafety.toml");
//   if (!config) { print(config.status().message()); return 2; }
//   for (const auto& ep : config->proxy.listen) ...
//
// Thread safety: a loaded ServeConfig is plain data; copy it freely.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace esafety {

struct Endpoint {
  std::string host;  // "127.0.0.1", "::1", "0.0.0.0"
  uint16_t port = 0;
  std::string toString() const;  // "127.0.0.1:3128", "[::1]:3128"
};

// Parses "127.0.0.1:3128", "[::1]:3128", "localhost:80".
Result<Endpoint> parseEndpoint(std::string_view text);

struct ServeConfig {
  // Clients allowed to use the proxy and the DNS server; everyone else is
  // refused and the refusal logged, so esafety is never an open proxy.
  std::vector<std::string> school_networks = {"127.0.0.0/8", "::1/128"};
  unsigned workers = 0;  // data-plane threads; 0 = one per core
  uint32_t node = 0;     // this filter node's number, for an LA running several

  struct Proxy {
    bool enabled = true;
    std::vector<Endpoint> listen = {{"127.0.0.1", 3128}};
    std::vector<uint16_t> connect_ports = {443};  // CONNECT elsewhere is refused
    uint32_t header_limit_bytes = 64 * 1024;
    uint32_t idle_timeout_s = 60;      // keep-alive between requests
    uint32_t header_timeout_s = 15;    // a slow client sending its head
    uint32_t upstream_connect_timeout_s = 10;
    uint32_t upstream_timeout_s = 60;  // no byte from the site for this long
    uint32_t max_connections = 20000;
    uint32_t upstream_pool_per_host = 16;
    // Fixed addresses for names, like /etc/hosts: "intranet.school=10.0.0.5".
    // For school servers the public DNS does not know, and for tests.
    std::vector<std::string> static_hosts;
    // Plain-HTTP requests to other ports are refused (as connect_ports does
    // for CONNECT).
    std::vector<uint16_t> http_ports = {80, 8080};
    // Internal addresses (loopback, private, link-local, CGNAT, ULA, this
    // server's own) are never fetched, except these: networks
    // ("10.20.0.0/16") and host names ("intranet.school.example" and the
    // names under it). Checked after name resolution (proxy/upstream_guard.h).
    std::vector<std::string> internal_allow;
    // Open connections one client address may hold; more are refused.
    uint32_t max_connections_per_client = 256;
  } proxy;

  struct Dns {
    bool enabled = true;
    std::vector<Endpoint> listen = {{"127.0.0.1", 5353}};
    std::vector<Endpoint> upstreams = {{"127.0.0.1", 53}};
    std::string block_answer = "nxdomain";  // "nxdomain", "zero" or "blockpage"
    uint32_t cache_entries = 100000;
    bool serve_stale = false;
    uint32_t rate_limit_qps = 0;  // per client address; 0 = off (a school sits behind one NAT)
    uint32_t upstream_timeout_ms = 1500;
    // Queries refused because the client is outside the school networks are
    // all counted (/metrics), but at most this many a minute are logged as
    // events, so a spoofed flood cannot grow events.db. 0: none logged.
    uint32_t refused_events_per_minute = 60;
  } dns;

  struct Console {
    Endpoint listen = {"127.0.0.1", 8080};
    std::string public_url = "http://127.0.0.1:8080";  // how browsers reach it (block page buttons, PAC)
    // Hardening of the console listener (docs/operations.md, "The console listener").
    uint32_t max_connections = 512;            // open at once; more are closed at accept and counted
    uint32_t max_connections_per_client = 32;  // from one address
    // Live pages' event streams (GET /api/v1/alerts/stream): each holds a
    // connection open, so they have caps of their own under max_connections.
    uint32_t max_streams = 64;            // open at once
    uint32_t max_streams_per_client = 4;  // from one address
    uint32_t stream_heartbeat_s = 15;     // a comment line this often keeps proxies from closing it
    // Networks besides [school] networks and loopback that may reach the
    // console (an office or the LA's support network). Everyone else is refused.
    std::vector<std::string> admin_networks;
    // Host names (and address[:port]s) the console answers to; others get
    // 421, against DNS rebinding. Empty: the listen address and public_url's host.
    std::vector<std::string> names;
    // /metrics needs "Authorization: Bearer <metrics_token>"; "" = only from
    // loopback (127.0.0.0/8, ::1), for a Prometheus on the same machine.
    std::string metrics_token;
    // Reverse proxies whose X-Forwarded-For is believed (their last address
    // is then the client's). Empty: X-Forwarded-For is ignored.
    std::vector<std::string> trusted_proxies;
    // HTTPS on the console's own listener (docs/operations.md, "The console
    // over HTTPS"): "off" (plain HTTP, or TLS ended by a reverse proxy in
    // front), "school-ca" (a certificate minted from the school's CA, which
    // devices already trust for TLS inspection, for the console's names, and
    // renewed before it expires) or "files" (tls_cert and tls_key, PEM: a
    // certificate from the LA or a public CA). With TLS on, public_url must
    // be https:// (its default becomes https://<listen>).
    std::string tls = "off";
    std::string tls_cert;  // PEM: the certificate, then any intermediates
    std::string tls_key;   // PEM: its private key
    bool tlsOn() const { return tls != "off"; }
  } console;

  // TLS inspection (per group: `esafety ca inspect GROUP on`). The school's CA
  // lives in <data>/tls (`esafety ca init`); without it, HTTPS is tunnelled.
  struct Tls {
    // Sites never inspected, one domain per line; "" = <data>/tls/no-inspect.txt
    // (or the built-in list when that file is missing).
    std::string no_inspect_file;
    // A PEM file of extra CAs trusted for sites, besides the system's store
    // (/etc/ssl/certs). For tests and for a school's own internal servers.
    std::string extra_trust_file;
    uint32_t leaf_cache_entries = 10000;  // minted certificates kept in memory
    uint32_t leaf_cache_files = 50000;    // kept on disk (<data>/tls/leaves); the oldest go first
  } tls;

  // Content inspection: phrase scanning of pages for groups that have it on
  // (policy::Group::inspect, with the group's phrase_limit).
  struct Inspect {
    // e2guardian phrase lists: a folder holding e2guardian's root files
    // (weightedphraselist, bannedphraselist, exceptionphraselist, which
    // .Include the lists in use), or any folder of list files, all read, each
    // weighted/banned/exception by its name. Debian's e2guardian package
    // installs them here. "" = no phrase scanning.
    std::string phrase_lists = "/etc/e2guardian/lists";
    // How much of a page is held back while it is scanned: over the limit
    // within this, the block page goes out instead; after it, the connection is cut.
    uint32_t buffer_bytes = 256 * 1024;
    // At most this much of a page (decoded) is scanned; the rest streams on
    // unscanned (e2guardian's maxcontentfiltersize). Caps compression bombs.
    uint32_t max_scanned_bytes = 2 * 1024 * 1024;
    // The school's own monitoring lists: a folder of <category>.list files
    // (data/monitoring's format), read at start beside the built-in lists by
    // the proxy's search check and the alert engine. "" = the built-in only.
    std::string monitoring_lists;
  } inspect;

  struct Events {
    uint32_t queue_capacity = 16384;  // cells of 256 bytes (4 MB); a DNS event takes one
  } events;

  // The filter self-test (control/filter_selftest.h): `esafety serve` runs
  // it once a day at `daily_at` (school local time, "HH:MM"; "off": never).
  struct Selftest {
    std::string daily_at = "07:30";
    uint32_t timeout_ms = 5000;  // per request through the proxy or the DNS filter
    int dailyMinute() const;     // minutes after midnight; -1 when off
  } selftest;

  // Where category lists may be read from (control/list_folders.h).
  struct Lists {
    // Used when `folders` is not set; <data>/lists is always allowed too.
    static constexpr std::string_view kDefaultFolders[] = {
        "/etc/e2guardian/lists", "/usr/share/e2guardian/lists", "/var/lib/squidguard/db",
        "/var/lib/e2guardian/lists"};
    std::vector<std::string> folders;  // absolute; empty: kDefaultFolders
    uint32_t max_file_mb = 256;        // one list file (UT1's biggest is ~100 MB)
    uint32_t max_total_mb = 2048;      // every file one compile reads
  } lists;
};

// Reads the file; a missing file gives the defaults. Errors name file:line.
Result<ServeConfig> loadServeConfig(const std::string& path);

// The commented default file `esafety init` writes.
std::string defaultServeConfigText();

}  // namespace esafety
