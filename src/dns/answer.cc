#include "dns/answer.h"

#include <algorithm>
#include <cstring>

namespace esafety::dns {
namespace {

// RFC 2181 §8: a TTL with the top bit set is zero.
uint32_t sanitizeTtl(uint32_t ttl) { return (ttl & 0x80000000u) ? 0 : ttl; }

class RecordCopier {
 public:
  RecordCopier(std::span<const uint8_t> packet, Answer& out) : packet_(packet), out_(out) {}

  void append(const uint8_t* p, size_t n) { out_.records.insert(out_.records.end(), p, p + n); }
  bool appendName(size_t& at) {
    if (readName(packet_, at, name_) != NameError::kOk) return false;
    append(name_.wire().data(), name_.wire().size());
    return true;
  }

  // MX and SRV: a few fixed bytes, then a name.
  bool appendFixedThenName(size_t& r, size_t fixed, size_t rdata_end) {
    if (r + fixed > rdata_end) return false;
    append(&packet_[r], fixed);
    r += fixed;
    return appendName(r);
  }

  // Copies the record at `at`; sets `rtype` and `ttl`. False if malformed.
  bool copy(size_t& at, uint16_t& rtype, uint32_t& ttl, size_t& soa_minimum_offset) {
    size_t record_start = out_.records.size();
    if (!appendName(at)) return false;
    if (at + 10 > packet_.size()) return false;
    const uint8_t* fixed = &packet_[at];
    rtype = load16(fixed);
    ttl = sanitizeTtl(load32(fixed + 4));
    uint16_t rdlength = load16(fixed + 8);
    at += 10;
    size_t rdata_end = at + rdlength;
    if (rdata_end > packet_.size()) return false;
    if (rtype == type::kOpt) {  // ours to add, not to copy
      out_.records.resize(record_start);
      at = rdata_end;
      return true;
    }
    append(fixed, 4);
    out_.ttl_offsets.push_back(static_cast<uint16_t>(out_.records.size()));
    uint8_t ttl_bytes[4];
    store32(ttl_bytes, ttl);
    append(ttl_bytes, 4);
    size_t length_at = out_.records.size();
    append(fixed + 8, 2);
    size_t rdata_start = out_.records.size();
    size_t r = at;
    bool ok = true;
    switch (rtype) {
      case type::kCname:
      case type::kNs:
      case type::kPtr:
        ok = appendName(r);
        break;
      case type::kMx:
        ok = appendFixedThenName(r, 2, rdata_end);
        break;
      case type::kSrv:
        ok = appendFixedThenName(r, 6, rdata_end);
        break;
      case type::kSoa:
        ok = appendName(r) && appendName(r) && r + 20 <= rdata_end;
        if (ok) {
          soa_minimum_offset = out_.records.size() + 16;
          append(&packet_[r], 20);
          r += 20;
        }
        break;
      default:
        append(&packet_[r], rdlength);
        r = rdata_end;
        break;
    }
    if (!ok || r != rdata_end) return false;
    store16(&out_.records[length_at], static_cast<uint16_t>(out_.records.size() - rdata_start));
    at = rdata_end;
    return true;
  }

 private:
  std::span<const uint8_t> packet_;
  Answer& out_;
  Name name_;
};

}  // namespace

void Answer::clear() {
  rcode = 0;
  truncated = false;
  authoritative = false;
  counts = {};
  records.clear();
  ttl_offsets.clear();
  cache_ttl = 0;
  answer_bytes = 0;
}

ResponseOutcome parseResponse(std::span<const uint8_t> packet, uint16_t id, const Question& q,
                              Answer& out) {
  out.clear();
  if (packet.size() < kHeaderSize) return ResponseOutcome::kMalformed;
  Header h = readHeader(packet);
  if (h.id != id || !h.isResponse()) return ResponseOutcome::kMismatch;
  if (h.opcode() != kOpcodeQuery || h.qdcount != 1) return ResponseOutcome::kMismatch;
  size_t at = kHeaderSize;
  Name name;
  if (readName(packet, at, name) != NameError::kOk || at + 4 > packet.size()) {
    return ResponseOutcome::kMalformed;
  }
  if (!name.sameAs(*q.name) || load16(&packet[at]) != q.qtype ||
      load16(&packet[at + 2]) != q.qclass) {
    return ResponseOutcome::kMismatch;
  }
  at += 4;
  out.rcode = h.rcode();
  out.truncated = h.truncated();
  out.authoritative = (h.flags & flag::kAa) != 0;
  const uint16_t declared[3] = {h.ancount, h.nscount, h.arcount};
  if (size_t{h.ancount} + h.nscount + h.arcount > kMaxAnswerRecords) {
    return ResponseOutcome::kMalformed;
  }
  // A truncated UDP answer may stop mid-record: the caller retries over TCP.
  if (out.truncated) return ResponseOutcome::kOk;

  RecordCopier copier(packet, out);
  uint32_t min_answer_ttl = UINT32_MAX;
  uint32_t negative_ttl = 0;
  bool have_soa = false;
  for (int section = 0; section < 3; ++section) {
    for (uint16_t i = 0; i < declared[section]; ++i) {
      uint16_t rtype = 0;
      uint32_t ttl = 0;
      size_t soa_minimum = 0;
      size_t before = out.records.size();
      if (!copier.copy(at, rtype, ttl, soa_minimum)) return ResponseOutcome::kMalformed;
      if (out.records.size() > kMaxAnswerBytes) return ResponseOutcome::kMalformed;
      if (out.records.size() == before) continue;  // OPT, dropped
      ++out.counts[section];
      if (section == 0) min_answer_ttl = std::min(min_answer_ttl, ttl);
      if (section == 1 && rtype == type::kSoa && !have_soa) {
        have_soa = true;
        negative_ttl = std::min(ttl, sanitizeTtl(load32(&out.records[soa_minimum])));
      }
    }
    if (section == 0) out.answer_bytes = out.records.size();
  }
  bool negative = out.rcode == static_cast<uint8_t>(Rcode::kNxDomain) ||
                  (out.rcode == 0 && out.counts[0] == 0);
  if (negative) {
    out.cache_ttl = have_soa ? std::min(negative_ttl, kMaxNegativeTtl) : 0;
  } else if (out.rcode == 0) {
    out.cache_ttl = std::min(min_answer_ttl, kMaxPositiveTtl);
  }
  return ResponseOutcome::kOk;
}

}  // namespace esafety::dns
