// Helpers for the DNS unit tests: hand-built messages, independent of the
// code under test (MessageWriter is not used to make inputs).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace esafety::dns::testing {

using Bytes = std::vector<uint8_t>;

inline void put16(Bytes& b, uint16_t v) {
  b.push_back(static_cast<uint8_t>(v >> 8));
  b.push_back(static_cast<uint8_t>(v));
}
inline void put32(Bytes& b, uint32_t v) {
  put16(b, static_cast<uint16_t>(v >> 16));
  put16(b, static_cast<uint16_t>(v));
}
// "www.example.org" -> 3www7example3org0
inline Bytes wireName(std::string_view text) {
  Bytes b;
  while (!text.empty()) {
    size_t dot = text.find('.');
    std::string_view label = text.substr(0, dot);
    b.push_back(static_cast<uint8_t>(label.size()));
    b.insert(b.end(), label.begin(), label.end());
    text = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  }
  b.push_back(0);
  return b;
}
inline Bytes header(uint16_t id, uint16_t flags, uint16_t qd, uint16_t an = 0, uint16_t ns = 0,
                    uint16_t ar = 0) {
  Bytes b;
  for (uint16_t v : {id, flags, qd, an, ns, ar}) put16(b, v);
  return b;
}
inline Bytes& append(Bytes& b, const Bytes& more) {
  b.insert(b.end(), more.begin(), more.end());
  return b;
}
inline Bytes query(std::string_view name, uint16_t qtype, uint16_t id = 0x1234, bool edns = false,
                   uint16_t udp_size = 1232) {
  Bytes b = header(id, 0x0100, 1, 0, 0, edns ? 1 : 0);
  append(b, wireName(name));
  put16(b, qtype);
  put16(b, 1);
  if (edns) {
    b.push_back(0);
    put16(b, 41);
    put16(b, udp_size);
    put32(b, 0);
    put16(b, 0);
  }
  return b;
}
// A resource record with an uncompressed owner.
inline Bytes record(std::string_view owner, uint16_t rtype, uint32_t ttl, const Bytes& rdata) {
  Bytes b = wireName(owner);
  put16(b, rtype);
  put16(b, 1);
  put32(b, ttl);
  put16(b, static_cast<uint16_t>(rdata.size()));
  return append(b, rdata);
}

}  // namespace esafety::dns::testing
