// MessageWriter: builds a DNS message into a caller's buffer, compressing
// names (RFC 1035 §4.1.4) and never writing past a limit: the client's UDP
// size, or 65535 over TCP. When something does not fit, the writer stops,
// remembers it (overflowed()), and the caller answers with TC set.
//
//   MessageWriter w(buffer, query.udpLimit());
//   w.begin({query.header.id, flags, 0, 0, 0, 0});
//   w.question(query.name.wire(), query.qtype, query.qclass);
//   w.record(Section::kAnswer, query.name.wire(), type::kA, kClassIn, 60, address);
//   if (query.has_edns) w.opt(kMaxUdpSize, 0);
//   std::span<const uint8_t> out = w.finish();
//
// Sections must be written in order: question, answer, authority, additional.
// Names for compression are remembered up to kMaxCompressionTargets labels.
// Thread-compatible; one writer per message.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "dns/wire_types.h"

namespace esafety::dns {

enum class Section : uint8_t { kAnswer = 0, kAuthority = 1, kAdditional = 2 };

class MessageWriter {
 public:
  static constexpr size_t kMaxCompressionTargets = 64;

  MessageWriter(std::span<uint8_t> buffer, size_t limit);

  // Starts the message; counts in `header` are ignored and filled by finish().
  void begin(const Header& header);
  // `name` is an uncompressed wire name.
  bool question(std::span<const uint8_t> name, uint16_t qtype, uint16_t qclass);
  // `rdata` is copied as is, except that for CNAME, NS and PTR it is an
  // uncompressed name and gets compressed. Returns false when it did not fit.
  bool record(Section section, std::span<const uint8_t> owner, uint16_t rtype, uint16_t rclass,
              uint32_t ttl, std::span<const uint8_t> rdata);
  // Appends raw, already-encoded records (from the cache) without compression.
  bool rawRecords(Section section, std::span<const uint8_t> records, uint16_t count);
  // EDNS0 OPT: our UDP size and the extended rcode's upper 8 bits.
  bool opt(uint16_t udp_size, uint8_t extended_rcode);

  void setFlags(uint16_t flags) { header_.flags = flags; }
  uint16_t flags() const { return header_.flags; }
  bool overflowed() const { return overflowed_; }
  size_t size() const { return size_; }
  // Writes the counts into the header and returns the message.
  std::span<const uint8_t> finish();
  // Where the records written so far start (for TTL patching by the caller).
  uint8_t* data() { return buffer_.data(); }

 private:
  bool writeName(std::span<const uint8_t> name);
  bool fits(size_t n);
  bool sectionIs(Section s);
  // True when the (possibly compressed) name at `offset` in the buffer equals
  // the uncompressed `suffix`, ignoring ASCII case.
  bool nameAtEquals(size_t offset, std::span<const uint8_t> suffix) const;

  std::span<uint8_t> buffer_;
  size_t limit_;
  size_t size_ = 0;
  Header header_;
  int section_ = -1;  // -1: question; 0..2: Section
  bool overflowed_ = false;
  std::array<uint16_t, kMaxCompressionTargets> targets_{};
  size_t target_count_ = 0;
};

}  // namespace esafety::dns
