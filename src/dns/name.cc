#include "dns/name.h"

#include <cstring>

namespace esafety::dns {
namespace {

constexpr int kMaxHops = 128;

char lower(uint8_t c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); }

bool plainByte(uint8_t c) { return c > 0x20 && c < 0x7F && c != '.'; }

}  // namespace

std::string_view nameErrorText(NameError e) {
  switch (e) {
    case NameError::kOk: return "ok";
    case NameError::kTruncated: return "name runs past the end of the message";
    case NameError::kLabelTooLong: return "label longer than 63 bytes";
    case NameError::kNameTooLong: return "name longer than 255 bytes";
    case NameError::kBadPointer: return "compression pointer does not point backwards";
    case NameError::kBadLabelType: return "label longer than 63 bytes (or of a reserved type)";
  }
  return "unknown";
}

void Name::clear() {
  wire_size_ = 0;
  text_size_ = 0;
  labels_ = 0;
  filterable_ = true;
}

bool Name::appendLabel(const uint8_t* label, size_t size) {
  // The label, its length byte and the final root byte must fit.
  if (wire_size_ + 1 + size + 1 > kMaxNameWire) return false;
  wire_[wire_size_++] = static_cast<uint8_t>(size);
  std::memcpy(&wire_[wire_size_], label, size);
  wire_size_ = static_cast<uint16_t>(wire_size_ + size);
  if (labels_ > 0) text_[text_size_++] = '.';
  for (size_t i = 0; i < size; ++i) {
    filterable_ &= plainByte(label[i]);
    text_[text_size_++] = lower(label[i]);
  }
  ++labels_;
  return true;
}

bool Name::sameAs(const Name& other) const {
  if (wire_size_ != other.wire_size_) return false;
  for (size_t i = 0; i < wire_size_; ++i) {
    if (lower(wire_[i]) != lower(other.wire_[i])) return false;
  }
  return true;
}

NameError readName(std::span<const uint8_t> message, size_t& offset, Name& out) {
  out.clear();
  size_t pos = offset;
  size_t end_of_name = 0;  // where the caller continues: after the first pointer, or the root
  int hops = 0;
  for (;;) {
    if (pos >= message.size()) return NameError::kTruncated;
    uint8_t len = message[pos];
    uint8_t kind = len & 0xC0;
    if (kind == 0xC0) {
      if (pos + 1 >= message.size()) return NameError::kTruncated;
      size_t target = (size_t{len & 0x3Fu} << 8) | message[pos + 1];
      if (target >= pos || ++hops > kMaxHops) return NameError::kBadPointer;
      if (end_of_name == 0) end_of_name = pos + 2;
      pos = target;
      continue;
    }
    if (kind != 0) return NameError::kBadLabelType;
    if (len == 0) {
      if (end_of_name == 0) end_of_name = pos + 1;
      break;
    }
    if (pos + 1 + len > message.size()) return NameError::kTruncated;
    if (!out.appendLabel(&message[pos + 1], len)) return NameError::kNameTooLong;
    pos += 1 + len;
  }
  out.wire_[out.wire_size_++] = 0;
  offset = end_of_name;
  return NameError::kOk;
}

NameError skipName(std::span<const uint8_t> message, size_t& offset) {
  size_t pos = offset;
  size_t total = 0;
  for (;;) {
    if (pos >= message.size()) return NameError::kTruncated;
    uint8_t len = message[pos];
    if ((len & 0xC0) == 0xC0) {
      if (pos + 1 >= message.size()) return NameError::kTruncated;
      offset = pos + 2;
      return NameError::kOk;
    }
    if ((len & 0xC0) != 0) return NameError::kBadLabelType;
    total += 1 + len;
    if (total > kMaxNameWire) return NameError::kNameTooLong;
    if (len == 0) {
      offset = pos + 1;
      return NameError::kOk;
    }
    pos += 1 + len;
  }
}

NameError nameFromText(std::string_view text, Name& out) {
  out.clear();
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);
  while (!text.empty()) {
    size_t dot = text.find('.');
    std::string_view label = text.substr(0, dot);
    if (label.empty()) return NameError::kBadLabelType;
    if (label.size() > kMaxLabel) return NameError::kLabelTooLong;
    if (!out.appendLabel(reinterpret_cast<const uint8_t*>(label.data()), label.size())) {
      return NameError::kNameTooLong;
    }
    text = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  }
  out.wire_[out.wire_size_++] = 0;
  return NameError::kOk;
}

}  // namespace esafety::dns
