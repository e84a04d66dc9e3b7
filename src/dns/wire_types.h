// DNS wire constants and the 12-byte header (RFC 1035 §4.1.1, RFC 6891).
//
// Only what the filter needs: record types it synthesises or inspects, the
// response codes it sends, and the header flag bits. Everything here is plain
// data, safe from any thread.
//
//   Header h = readHeader(packet);          // packet.size() >= kHeaderSize
//   if (h.isResponse() || h.opcode() != kOpcodeQuery) ...
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace esafety::dns {

inline constexpr size_t kHeaderSize = 12;
inline constexpr size_t kMaxLabel = 63;        // bytes in one label
inline constexpr size_t kMaxNameWire = 255;    // bytes of a name on the wire, root byte included
inline constexpr size_t kMaxNameText = 253;    // "a.b.c" without the trailing dot
inline constexpr size_t kClassicUdpSize = 512;  // without EDNS0
inline constexpr size_t kMaxUdpSize = 1232;     // what we accept and advertise (DNS flag day 2020)
inline constexpr size_t kMaxMessage = 65535;    // TCP length prefix limit
inline constexpr uint16_t kOpcodeQuery = 0;

namespace type {
inline constexpr uint16_t kA = 1;
inline constexpr uint16_t kNs = 2;
inline constexpr uint16_t kCname = 5;
inline constexpr uint16_t kSoa = 6;
inline constexpr uint16_t kPtr = 12;
inline constexpr uint16_t kMx = 15;
inline constexpr uint16_t kTxt = 16;
inline constexpr uint16_t kAaaa = 28;
inline constexpr uint16_t kSrv = 33;
inline constexpr uint16_t kOpt = 41;
inline constexpr uint16_t kSvcb = 64;
inline constexpr uint16_t kHttps = 65;
inline constexpr uint16_t kIxfr = 251;
inline constexpr uint16_t kAxfr = 252;
inline constexpr uint16_t kAny = 255;
}  // namespace type

inline constexpr uint16_t kClassIn = 1;

enum class Rcode : uint8_t {
  kNoError = 0,
  kFormErr = 1,
  kServFail = 2,
  kNxDomain = 3,
  kNotImp = 4,
  kRefused = 5,
};
// Extended rcode 16 (BADVERS) is sent as OPT's upper bits plus rcode 0.
inline constexpr uint16_t kRcodeBadVers = 16;

// "A", "AAAA", "TYPE65" style text for events and logs; no allocation.
struct TypeText {
  std::array<char, 12> text{};
  uint8_t size = 0;
  std::string_view view() const { return {text.data(), size}; }
};
TypeText typeText(uint16_t qtype);

namespace flag {
inline constexpr uint16_t kQr = 0x8000;
inline constexpr uint16_t kAa = 0x0400;
inline constexpr uint16_t kTc = 0x0200;
inline constexpr uint16_t kRd = 0x0100;
inline constexpr uint16_t kRa = 0x0080;
inline constexpr uint16_t kAd = 0x0020;
inline constexpr uint16_t kCd = 0x0010;
}  // namespace flag

struct Header {
  uint16_t id = 0;
  uint16_t flags = 0;
  uint16_t qdcount = 0;
  uint16_t ancount = 0;
  uint16_t nscount = 0;
  uint16_t arcount = 0;

  bool isResponse() const { return (flags & flag::kQr) != 0; }
  uint16_t opcode() const { return (flags >> 11) & 0xF; }
  uint8_t rcode() const { return flags & 0xF; }
  bool truncated() const { return (flags & flag::kTc) != 0; }
};

inline uint16_t load16(const uint8_t* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }
inline uint32_t load32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}
inline void store16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}
inline void store32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

// The caller checks packet.size() >= kHeaderSize first.
inline Header readHeader(std::span<const uint8_t> packet) {
  const uint8_t* p = packet.data();
  return {load16(p), load16(p + 2), load16(p + 4), load16(p + 6), load16(p + 8), load16(p + 10)};
}
inline void writeHeader(uint8_t* p, const Header& h) {
  store16(p, h.id);
  store16(p + 2, h.flags);
  store16(p + 4, h.qdcount);
  store16(p + 6, h.ancount);
  store16(p + 8, h.nscount);
  store16(p + 10, h.arcount);
}

}  // namespace esafety::dns
