#include "classify/url.h"

#include <arpa/inet.h>
#include <idn2.h>

#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "core/text.h"

namespace esafety::classify {
namespace {

bool isUnreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// Characters that may stay as they are in a path or query.
bool isPathSafe(unsigned char c) {
  if (isUnreserved(c)) return true;
  return std::strchr("!$&'()*+,;=:@/?", c) != nullptr && c != 0;
}

// Percent-normalises one path or query: decodes escapes of unreserved
// characters, upper-cases other escapes, and escapes unsafe raw bytes.
std::string normalizePercent(std::string_view in) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c == '%' && i + 2 < in.size() &&
        hexDigitValue(in[i + 1]) >= 0 && hexDigitValue(in[i + 2]) >= 0) {
      auto decoded = static_cast<unsigned char>(hexDigitValue(in[i + 1]) * 16 + hexDigitValue(in[i + 2]));
      if (isUnreserved(decoded)) {
        out += static_cast<char>(decoded);
      } else {
        out += '%';
        out += kHex[decoded >> 4];
        out += kHex[decoded & 15];
      }
      i += 2;
    } else if (c == '%' || !isPathSafe(c)) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// RFC 3986 §5.2.4 remove_dot_segments, plus collapsing repeated slashes so
// "example.com//blocked" cannot slip past a "example.com/blocked" entry.
std::string removeDotSegments(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t pos = 1;  // path starts with '/'
  bool trailing_slash = false;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    size_t end = slash == std::string_view::npos ? path.size() : slash;
    std::string_view seg = path.substr(pos, end - pos);
    bool last = slash == std::string_view::npos;
    if (seg == ".") {
      trailing_slash = last;
    } else if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      trailing_slash = last;
    } else if (seg.empty()) {
      trailing_slash = last;
    } else {
      segments.push_back(seg);
      trailing_slash = false;
    }
    if (last) break;
    pos = slash + 1;
  }
  std::string out;
  for (auto seg : segments) {
    out += '/';
    out += seg;
  }
  if (out.empty() || trailing_slash) out += '/';
  return out;
}

// Parses one WHATWG IPv4 part: decimal, 0x-hex or 0-octal.
bool parseIpv4Part(std::string_view s, uint64_t* value) {
  if (s.empty()) return false;
  int base = 10;
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.remove_prefix(2);
  } else if (s.size() >= 2 && s[0] == '0') {
    base = 8;
    s.remove_prefix(1);
  }
  uint64_t v = 0;
  for (char c : s) {
    int d = hexDigitValue(c);
    if (d < 0 || d >= base) return false;
    v = v * base + static_cast<uint64_t>(d);
    if (v > 0xFFFFFFFFull) return false;
  }
  *value = v;
  return true;
}

bool endsInNumber(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  auto dot = host.rfind('.');
  std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  if (last.size() >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X')) {
    for (char c : last.substr(2)) {
      if (hexDigitValue(c) < 0) return false;
    }
    return true;
  }
  for (char c : last) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Status checkLabels(std::string_view host) {
  if (host.size() > kMaxHostLength) {
    return invalidArgument(fmt::format("host name is {} bytes; the limit is {}", host.size(),
                                       kMaxHostLength));
  }
  size_t start = 0;
  while (start <= host.size()) {
    size_t dot = host.find('.', start);
    size_t end = dot == std::string_view::npos ? host.size() : dot;
    if (end == start) return invalidArgument(fmt::format("host '{}' has an empty label", host));
    if (end - start > kMaxLabelLength) {
      return invalidArgument(fmt::format("host '{}' has a label longer than {} bytes", host,
                                         kMaxLabelLength));
    }
    for (size_t i = start; i < end; ++i) {
      char c = host[i];
      bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        return invalidArgument(
            fmt::format("host '{}' holds a character not allowed in a host name", host));
      }
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return Status::ok();
}

Result<std::string> toPunycode(const std::string& host) {
  char* out = nullptr;
  int rc = idn2_lookup_u8(reinterpret_cast<const uint8_t*>(host.c_str()),
                          reinterpret_cast<uint8_t**>(&out), IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
  if (rc != IDN2_OK) {
    rc = idn2_lookup_u8(reinterpret_cast<const uint8_t*>(host.c_str()),
                        reinterpret_cast<uint8_t**>(&out), IDN2_NFC_INPUT | IDN2_TRANSITIONAL);
  }
  if (rc != IDN2_OK) {
    return invalidArgument(
        fmt::format("host '{}' is not a valid international name: {}", host, idn2_strerror(rc)));
  }
  std::string result(out);
  idn2_free(out);
  return asciiLower(result);
}

}  // namespace

bool parseIpv4(std::string_view text, uint32_t* address) {
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);
  uint64_t parts[4];
  size_t n = 0;
  size_t start = 0;
  while (true) {
    if (n == 4) return false;
    size_t dot = text.find('.', start);
    size_t end = dot == std::string_view::npos ? text.size() : dot;
    if (!parseIpv4Part(text.substr(start, end - start), &parts[n])) return false;
    ++n;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  uint64_t value = 0;
  for (size_t i = 0; i + 1 < n; ++i) {
    if (parts[i] > 255) return false;
    value |= parts[i] << (8 * (3 - i));
  }
  uint64_t last_limit = 1ull << (8 * (5 - n));
  if (parts[n - 1] >= last_limit) return false;
  value |= parts[n - 1];
  *address = static_cast<uint32_t>(value);
  return true;
}

bool parseIpv6(std::string_view text, std::array<uint8_t, 16>* address) {
  if (text.size() > 45) return false;
  std::string s(text);
  return inet_pton(AF_INET6, s.c_str(), address->data()) == 1;
}

namespace {

struct HostParts {
  std::string host;
  HostKind kind = HostKind::kName;
  std::array<uint8_t, 16> ip{};
};

Result<HostParts> normalizeHostParts(std::string_view raw) {
  HostParts out;
  if (raw.empty()) return invalidArgument("the host name is empty");
  if (raw.size() > 1024) return invalidArgument("the host name is too long");
  // IPv6 literal, with or without brackets.
  if (raw.front() == '[') {
    if (raw.back() != ']') return invalidArgument(fmt::format("'{}' has no closing ']'", raw));
    raw = raw.substr(1, raw.size() - 2);
  }
  if (raw.find(':') != std::string_view::npos) {
    if (!parseIpv6(raw, &out.ip)) {
      return invalidArgument(fmt::format("'{}' is not a valid IPv6 address", raw));
    }
    static const uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(out.ip.data(), kMapped, 12) == 0) {
      out.kind = HostKind::kIpv4;
      std::memmove(out.ip.data(), out.ip.data() + 12, 4);
      std::memset(out.ip.data() + 4, 0, 12);
      out.host = fmt::format("{}.{}.{}.{}", out.ip[0], out.ip[1], out.ip[2], out.ip[3]);
      return out;
    }
    char buf[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, out.ip.data(), buf, sizeof buf);
    out.kind = HostKind::kIpv6;
    out.host = buf;
    return out;
  }
  // Percent-decode, then lower-case.
  std::string host;
  host.reserve(raw.size());
  bool ascii = true;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%' && i + 2 < raw.size() && hexDigitValue(raw[i + 1]) >= 0 &&
        hexDigitValue(raw[i + 2]) >= 0) {
      c = static_cast<char>(hexDigitValue(raw[i + 1]) * 16 + hexDigitValue(raw[i + 2]));
      i += 2;
    }
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
    if (static_cast<unsigned char>(c) < 0x21 || c == 0x7f) {
      return invalidArgument("the host name holds a space or control character");
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    host += c;
  }
  if (!host.empty() && host.back() == '.') host.pop_back();
  if (host.empty()) return invalidArgument("the host name is empty");
  // International names are mapped first, as WHATWG's host parser does:
  // "0ˣ" and full-width digits map to ASCII that may be an IPv4 address.
  if (!ascii) {
    if (!isValidUtf8(host)) return invalidArgument("the host name is not valid UTF-8");
    auto puny = toPunycode(host);
    if (!puny) return puny.status();
    host = std::move(*puny);
    if (!host.empty() && host.back() == '.') host.pop_back();
  }
  if (endsInNumber(host)) {
    uint32_t v4;
    if (!parseIpv4(host, &v4)) {
      return invalidArgument(fmt::format("'{}' is not a valid IPv4 address", host));
    }
    out.kind = HostKind::kIpv4;
    out.ip = {};
    out.ip[0] = static_cast<uint8_t>(v4 >> 24);
    out.ip[1] = static_cast<uint8_t>(v4 >> 16);
    out.ip[2] = static_cast<uint8_t>(v4 >> 8);
    out.ip[3] = static_cast<uint8_t>(v4);
    out.host = fmt::format("{}.{}.{}.{}", out.ip[0], out.ip[1], out.ip[2], out.ip[3]);
    return out;
  }
  ESAFETY_RETURN_IF_ERROR(checkLabels(host));
  out.host = std::move(host);
  return out;
}

uint16_t defaultPort(std::string_view scheme) {
  if (scheme == "http" || scheme == "ws") return 80;
  if (scheme == "https" || scheme == "wss") return 443;
  if (scheme == "ftp") return 21;
  return 0;
}

// "http://" and the like: a scheme before "://" made of scheme characters
// is taken off `s` into `scheme` (lower case), and must be a web one.
Status takeScheme(std::string_view& s, std::string& scheme) {
  auto colon_slashes = s.find("://");
  if (colon_slashes == std::string_view::npos) return Status::ok();
  std::string_view text = s.substr(0, colon_slashes);
  bool valid = !text.empty();
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '-' || c == '.';
    valid = valid && ok;
  }
  if (!valid) return Status::ok();
  scheme = asciiLower(text);
  if (defaultPort(scheme) == 0) {
    return invalidArgument(fmt::format(
        "'{}' is not a web address: the scheme '{}' is not http or https", s, scheme));
  }
  s.remove_prefix(colon_slashes + 3);
  return Status::ok();
}

// A port of 1 to 65535, in decimal digits only.
Result<uint16_t> parsePort(std::string_view input, std::string_view text) {
  uint32_t port = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || port > 65535) {
      return invalidArgument(fmt::format("'{}' has an invalid port '{}'", input, text));
    }
    port = port * 10 + static_cast<uint32_t>(c - '0');
  }
  if (port == 0 || port > 65535) {
    return invalidArgument(fmt::format("'{}' has an invalid port '{}'", input, text));
  }
  return static_cast<uint16_t>(port);
}

}  // namespace

Result<std::string> normalizeHost(std::string_view host, HostKind* kind) {
  auto parts = normalizeHostParts(trim(host));
  if (!parts) return parts.status();
  if (kind) *kind = parts->kind;
  return std::move(parts->host);
}

Result<NormalizedUrl> normalizeUrl(std::string_view input) {
  std::string_view s = trim(input);
  if (s.empty()) return invalidArgument("the URL is empty");
  if (s.size() > kMaxUrlLength) {
    return invalidArgument(
        fmt::format("the URL is {} bytes; the limit is {}", s.size(), kMaxUrlLength));
  }
  NormalizedUrl url;
  ESAFETY_RETURN_IF_ERROR(takeScheme(s, url.scheme));
  // Authority ends at the first '/', '\', '?' or '#'.
  size_t auth_end = s.find_first_of("/\\?#");
  std::string_view authority = s.substr(0, auth_end);
  std::string_view rest = auth_end == std::string_view::npos ? "" : s.substr(auth_end);
  auto at = authority.rfind('@');
  if (at != std::string_view::npos) {
    url.had_userinfo = true;
    authority.remove_prefix(at + 1);
  }
  std::string_view host_text = authority;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) {
      return invalidArgument(fmt::format("'{}' has an IPv6 address with no closing ']'", input));
    }
    host_text = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        return invalidArgument(fmt::format("'{}' has text after the IPv6 address", input));
      }
      port_text = after.substr(1);
    }
  } else {
    auto c = authority.rfind(':');
    if (c != std::string_view::npos) {
      if (authority.find(':') != c) {
        return invalidArgument(
            fmt::format("'{}' looks like an IPv6 address without brackets", authority));
      }
      host_text = authority.substr(0, c);
      port_text = authority.substr(c + 1);
    }
  }
  if (host_text.empty()) return invalidArgument(fmt::format("'{}' has no host name", input));
  auto host = normalizeHostParts(host_text);
  if (!host) return host.status();
  url.host = std::move(host->host);
  url.host_kind = host->kind;
  url.ip = host->ip;
  url.port = defaultPort(url.scheme);
  if (!port_text.empty()) {
    auto port = parsePort(input, port_text);
    if (!port) return port.status();
    url.port = *port;
  }
  // Path, query; the fragment never reaches a server and is dropped.
  auto hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  auto q = rest.find('?');
  std::string_view path = rest.substr(0, q);
  if (q != std::string_view::npos) url.query = normalizePercent(rest.substr(q + 1));
  if (!path.empty()) {
    std::string p(path);
    for (char& c : p) {
      if (c == '\\') c = '/';
    }
    url.path = removeDotSegments(normalizePercent(p));
  } else if (!url.scheme.empty() || q != std::string_view::npos) {
    url.path = "/";
  }
  // Percent-encoding can make the URL up to three times longer: the limit
  // holds for what comes out too, so that a normalised URL always
  // normalises again (to itself).
  if (size_t length = url.toString().size(); length > kMaxUrlLength) {
    return invalidArgument(fmt::format("the URL is {} bytes once normalised; the limit is {}",
                                       length, kMaxUrlLength));
  }
  return url;
}

std::string NormalizedUrl::toString() const {
  std::string out;
  if (host_kind == HostKind::kIpv6) {
    out = "[" + host + "]";
  } else {
    out = host;
  }
  if (port != 0 && port != defaultPort(scheme)) out += ":" + std::to_string(port);
  out += path;
  if (!query.empty()) {
    out += '?';
    out += query;
  }
  return out;
}

}  // namespace esafety::classify
