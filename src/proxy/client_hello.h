// Reads the server name (SNI) from the start of a TLS ClientHello, so a
// CONNECT to an allowed host cannot carry a TLS session for a blocked one.
// The bytes come from an untrusted client: every length is checked, nothing
// is read past the buffer, and the parser has a fuzz target.
//
//   auto hello = parseClientHello(first_bytes);
//   if (hello.state == HelloState::kComplete && hello.server_name) ...
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace esafety::proxy {

enum class HelloState : uint8_t {
  kComplete,    // a whole ClientHello was parsed (server_name may still be absent)
  kNeedMore,    // the bytes so far are a valid prefix; read more (up to kMaxHelloBytes)
  kNotTls,      // not a TLS handshake record at all
  kMalformed,   // TLS-shaped but inconsistent
};

inline constexpr size_t kMaxHelloBytes = 16 * 1024 + 5;

struct ClientHello {
  HelloState state = HelloState::kMalformed;
  std::optional<std::string> server_name;  // lower-case, as sent
  bool offers_http11 = false;              // ALPN lists "http/1.1"
};

ClientHello parseClientHello(std::span<const uint8_t> bytes);

}  // namespace esafety::proxy
