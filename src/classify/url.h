// URL and host normalisation: every name the filter sees, from a list file, a
// proxy request or a DNS query, goes through here first, so that one site has
// exactly one spelling in the category index.
//
//   auto url = normalizeUrl("HTTP://Www.Example.COM.:80/a/./b/../c?q=1#top");
//   // url->host == "www.example.com", url->port == 80, url->path == "/a/c",
//   // url->query == "q=1"
//   auto host = normalizeHost("Bücher.de");   // "xn--bcher-kva.de"
//
// What is normalised:
//   - case of scheme and host; a trailing dot on the host;
//   - IDN to punycode (libidn2, IDNA2008 with TR46 mapping);
//   - percent-encoding: in the host it is decoded; in the path, escapes of
//     unreserved characters are decoded and the rest are upper-cased;
//   - default ports (80 for http, 443 for https) are dropped from the text;
//   - "." and ".." path segments, and repeated slashes;
//   - IPv4 in the forms browsers accept (decimal 3232235777, hex 0x7f.1,
//     octal 0177.0.0.1) and IPv6 in brackets, to canonical text;
//   - user-info is removed and flagged (the proxy refuses it).
//
// Why not an RFC 3986 parser: list files and real traffic hold URLs that a
// strict parser rejects (spaces, '|', raw UTF-8), and each must still be
// classified the way a browser would resolve it.
//
// Thread safety: all functions are pure and safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace esafety::classify {

enum class HostKind : uint8_t { kName, kIpv4, kIpv6 };

struct NormalizedUrl {
  std::string scheme;  // "http", "https", "" for a bare host or host:port
  std::string host;    // lower-case ASCII; IPv6 without brackets
  HostKind host_kind = HostKind::kName;
  uint16_t port = 0;          // 0 when none was given and the scheme has no default
  bool had_userinfo = false;  // "user:pass@" was present and removed
  std::string path;           // begins with '/'; "" for a bare host
  std::string query;          // without '?'
  std::array<uint8_t, 16> ip{};  // the address when host_kind != kName (IPv4 in the first 4)

  // "host[:port]/path[?query]" with the port only when it is not the default.
  std::string toString() const;
};

// Limits on untrusted names, from RFC 1035 and common practice.
inline constexpr size_t kMaxHostLength = 253;
inline constexpr size_t kMaxLabelLength = 63;
inline constexpr size_t kMaxUrlLength = 8192;

// Normalises a URL, "host", "host:port" or "host/path". Errors say what is wrong
// in words a technician can act on.
Result<NormalizedUrl> normalizeUrl(std::string_view input);

// Normalises a host name or IP literal (brackets optional for IPv6).
Result<std::string> normalizeHost(std::string_view host, HostKind* kind = nullptr);

// Parses an IPv4 address in any form a browser accepts. Returns false when
// `text` is not one.
bool parseIpv4(std::string_view text, uint32_t* address);
// Parses an IPv6 address (no brackets).
bool parseIpv6(std::string_view text, std::array<uint8_t, 16>* address);

}  // namespace esafety::classify
