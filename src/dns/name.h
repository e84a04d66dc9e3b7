// Name: a domain name read from a DNS message, in two forms at once:
//   - wire: uncompressed labels in the asker's own case, ending in the root
//     byte, for echoing and forwarding;
//   - text: lower-case dotted form without the trailing dot ("" is the root),
//     for the policy decision and the cache key.
//
// readName() is the one place compression pointers are followed. Its limits
// (RFC 1035 §2.3.4, §4.1.4): labels of at most 63 bytes, names of at most 255
// bytes, only 00 and 11 label types, and every pointer must point strictly
// backwards from where it sits, which rules out loops; 128 hops at most.
//
//   Name name;
//   size_t at = kHeaderSize;
//   if (readName(packet, at, name) != NameError::kOk) formErr();
//   policy.decide(name.text());
//
// A Name is a fixed-size value (no heap); copy it freely. Thread-compatible.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "dns/wire_types.h"

namespace esafety::dns {

enum class NameError : uint8_t {
  kOk,
  kTruncated,     // ran off the end of the message
  kLabelTooLong,  // a label over 63 bytes (only possible in text input)
  kNameTooLong,   // over 255 bytes on the wire
  kBadPointer,    // a compression pointer that does not point backwards, or too many hops
  kBadLabelType,  // the reserved 01 and 10 label types (RFC 6891 retired 01)
};
std::string_view nameErrorText(NameError e);

class Name {
 public:
  std::span<const uint8_t> wire() const { return {wire_.data(), wire_size_}; }
  std::string_view text() const { return {text_.data(), text_size_}; }
  // False when some label holds '.', a space, a control or non-ASCII byte:
  // its dotted text would be ambiguous, so the policy cannot judge it.
  bool filterable() const { return filterable_; }
  size_t labelCount() const { return labels_; }

  // Case-insensitive equality (ASCII only, as DNS defines it).
  bool sameAs(const Name& other) const;

 private:
  friend NameError readName(std::span<const uint8_t> message, size_t& offset, Name& out);
  friend NameError nameFromText(std::string_view text, Name& out);
  void clear();
  // Appends one label; false when the name would exceed 255 bytes.
  bool appendLabel(const uint8_t* label, size_t size);

  std::array<uint8_t, kMaxNameWire> wire_{};
  std::array<char, kMaxNameWire> text_{};
  uint16_t wire_size_ = 0;
  uint16_t text_size_ = 0;
  uint16_t labels_ = 0;
  bool filterable_ = true;
};

// Reads the name at `offset`, following compression pointers. On success
// `offset` points just past the name where it is stored (a pointer is 2 bytes).
NameError readName(std::span<const uint8_t> message, size_t& offset, Name& out);

// Moves `offset` past a (possibly compressed) name without decoding it.
NameError skipName(std::span<const uint8_t> message, size_t& offset);

// "forcesafesearch.google.com" (an optional trailing dot) -> Name. Used for
// names we synthesise, not for untrusted input.
NameError nameFromText(std::string_view text, Name& out);

}  // namespace esafety::dns
