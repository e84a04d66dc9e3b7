#include "dns/message_writer.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace esafety::dns {
namespace {

uint8_t lower(uint8_t c) { return c >= 'A' && c <= 'Z' ? static_cast<uint8_t>(c + 32) : c; }

bool rdataIsName(uint16_t rtype) {
  return rtype == type::kCname || rtype == type::kNs || rtype == type::kPtr;
}

}  // namespace

MessageWriter::MessageWriter(std::span<uint8_t> buffer, size_t limit)
    : buffer_(buffer), limit_(std::min(limit, buffer.size())) {}

void MessageWriter::begin(const Header& header) {
  header_ = header;
  header_.qdcount = header_.ancount = header_.nscount = header_.arcount = 0;
  size_ = kHeaderSize;
  section_ = -1;
  overflowed_ = limit_ < kHeaderSize;
  target_count_ = 0;
}

bool MessageWriter::fits(size_t n) {
  if (overflowed_ || size_ + n > limit_) {
    overflowed_ = true;
    return false;
  }
  return true;
}

bool MessageWriter::sectionIs(Section s) {
  int want = static_cast<int>(s);
  assert(want >= section_ && "sections written out of order");
  section_ = want;
  return true;
}

bool MessageWriter::nameAtEquals(size_t offset, std::span<const uint8_t> suffix) const {
  size_t pos = offset;
  size_t i = 0;
  for (int hops = 0; hops < 128;) {
    uint8_t len = buffer_[pos];
    if ((len & 0xC0) == 0xC0) {
      pos = (size_t{len & 0x3Fu} << 8) | buffer_[pos + 1];
      ++hops;
      continue;
    }
    if (i >= suffix.size() || suffix[i] != len) return false;
    if (len == 0) return true;
    for (size_t k = 1; k <= len; ++k) {
      if (lower(buffer_[pos + k]) != lower(suffix[i + k])) return false;
    }
    pos += 1 + len;
    i += 1 + len;
  }
  return false;
}

bool MessageWriter::writeName(std::span<const uint8_t> name) {
  // For each suffix, longest first, look for an earlier copy to point at.
  size_t start = size_;
  size_t at = 0;
  int found = -1;
  while (found < 0 && at < name.size() && name[at] != 0) {
    for (size_t t = 0; t < target_count_ && found < 0; ++t) {
      if (nameAtEquals(targets_[t], name.subspan(at))) found = static_cast<int>(t);
    }
    if (found < 0) at += 1 + name[at];
  }
  if (found >= 0) {
    if (!fits(at + 2)) return false;
    std::memcpy(&buffer_[size_], name.data(), at);
    size_ += at;
    store16(&buffer_[size_], static_cast<uint16_t>(0xC000 | targets_[found]));
    size_ += 2;
  } else {
    if (!fits(name.size())) return false;
    std::memcpy(&buffer_[size_], name.data(), name.size());
    size_ += name.size();
  }
  // Remember where each label we wrote out in full starts.
  for (size_t pos = start; pos < size_ && target_count_ < kMaxCompressionTargets;) {
    uint8_t len = buffer_[pos];
    if (len == 0 || (len & 0xC0) == 0xC0 || pos > 0x3FFF) break;
    targets_[target_count_++] = static_cast<uint16_t>(pos);
    pos += 1 + len;
  }
  return true;
}

bool MessageWriter::question(std::span<const uint8_t> name, uint16_t qtype, uint16_t qclass) {
  assert(section_ == -1 && header_.qdcount == 0);
  size_t mark = size_;
  size_t marks = target_count_;
  if (!writeName(name) || !fits(4)) {
    size_ = mark;
    target_count_ = marks;
    return false;
  }
  store16(&buffer_[size_], qtype);
  store16(&buffer_[size_ + 2], qclass);
  size_ += 4;
  header_.qdcount = 1;
  return true;
}

bool MessageWriter::record(Section section, std::span<const uint8_t> owner, uint16_t rtype,
                           uint16_t rclass, uint32_t ttl, std::span<const uint8_t> rdata) {
  sectionIs(section);
  size_t mark = size_;
  size_t marks = target_count_;
  auto undo = [&] {
    size_ = mark;
    target_count_ = marks;
    return false;
  };
  if (!writeName(owner) || !fits(10)) return undo();
  uint8_t* fixed = &buffer_[size_];
  store16(fixed, rtype);
  store16(fixed + 2, rclass);
  store32(fixed + 4, ttl);
  size_ += 10;
  size_t rdata_start = size_;
  if (rdataIsName(rtype)) {
    if (!writeName(rdata)) return undo();
  } else {
    if (!fits(rdata.size())) return undo();
    if (!rdata.empty()) std::memcpy(&buffer_[size_], rdata.data(), rdata.size());  // data() may be null
    size_ += rdata.size();
  }
  store16(fixed + 8, static_cast<uint16_t>(size_ - rdata_start));
  uint16_t* count = section == Section::kAnswer      ? &header_.ancount
                    : section == Section::kAuthority ? &header_.nscount
                                                     : &header_.arcount;
  ++*count;
  return true;
}

bool MessageWriter::rawRecords(Section section, std::span<const uint8_t> records, uint16_t count) {
  sectionIs(section);
  if (!fits(records.size())) return false;
  if (!records.empty()) std::memcpy(&buffer_[size_], records.data(), records.size());  // likewise
  size_ += records.size();
  uint16_t* n = section == Section::kAnswer      ? &header_.ancount
                : section == Section::kAuthority ? &header_.nscount
                                                 : &header_.arcount;
  *n = static_cast<uint16_t>(*n + count);
  return true;
}

bool MessageWriter::opt(uint16_t udp_size, uint8_t extended_rcode) {
  sectionIs(Section::kAdditional);
  if (!fits(11)) return false;
  uint8_t* p = &buffer_[size_];
  p[0] = 0;  // root owner
  store16(p + 1, type::kOpt);
  store16(p + 3, udp_size);
  store32(p + 5, uint32_t{extended_rcode} << 24);  // version 0, no DO
  store16(p + 9, 0);
  size_ += 11;
  ++header_.arcount;
  return true;
}

std::span<const uint8_t> MessageWriter::finish() {
  if (size_ >= kHeaderSize) writeHeader(buffer_.data(), header_);
  return {buffer_.data(), size_};
}

}  // namespace esafety::dns
