#include "dns/query_parser.h"

#include <algorithm>

namespace esafety::dns {
namespace {

// Skips one resource record's fixed part and data; reads OPT into `q`.
QueryOutcome readRecord(std::span<const uint8_t> packet, size_t& at, bool additional, Query& q) {
  size_t name_at = at;
  if (skipName(packet, at) != NameError::kOk) return QueryOutcome::kFormErr;
  if (at + 10 > packet.size()) return QueryOutcome::kFormErr;
  const uint8_t* p = &packet[at];
  uint16_t rtype = load16(p);
  uint16_t rclass = load16(p + 2);
  uint32_t ttl = load32(p + 4);
  uint16_t rdlength = load16(p + 8);
  at += 10;
  if (at + rdlength > packet.size()) return QueryOutcome::kFormErr;
  at += rdlength;
  if (rtype != type::kOpt) return QueryOutcome::kOk;
  // OPT: only in the additional section, only once, owned by the root.
  if (!additional || q.has_edns || packet[name_at] != 0) return QueryOutcome::kFormErr;
  q.has_edns = true;
  q.udp_size = std::max<uint16_t>(rclass, kClassicUdpSize);
  uint8_t version = static_cast<uint8_t>(ttl >> 16);
  q.dnssec_ok = (ttl & 0x8000u) != 0;
  return version == 0 ? QueryOutcome::kOk : QueryOutcome::kBadVers;
}

}  // namespace

size_t Query::udpLimit() const {
  return std::min<size_t>(has_edns ? udp_size : kClassicUdpSize, kMaxUdpSize);
}

QueryOutcome parseQuery(std::span<const uint8_t> packet, Query& out) {
  out.has_edns = false;
  out.udp_size = kClassicUdpSize;
  out.dnssec_ok = false;
  out.question_size = 0;
  if (packet.size() < kHeaderSize) return QueryOutcome::kDrop;
  out.header = readHeader(packet);
  if (out.header.isResponse()) return QueryOutcome::kDrop;
  if (out.header.opcode() != kOpcodeQuery) return QueryOutcome::kNotImp;
  if (out.header.qdcount != 1) return QueryOutcome::kFormErr;
  size_t records = size_t{out.header.ancount} + out.header.nscount + out.header.arcount;
  if (records > kMaxRecordsPerQuery) return QueryOutcome::kFormErr;

  size_t at = kHeaderSize;
  if (readName(packet, at, out.name) != NameError::kOk) return QueryOutcome::kFormErr;
  // The question's name is the first in the message, so a pointer in it
  // could only point into the header: readName already refused that (a
  // pointer to offset < 12 points backwards but into the header bytes, which
  // decode as labels at best; require the plain form).
  if (at - kHeaderSize != out.name.wire().size()) return QueryOutcome::kFormErr;
  if (at + 4 > packet.size()) return QueryOutcome::kFormErr;
  out.qtype = load16(&packet[at]);
  out.qclass = load16(&packet[at + 2]);
  at += 4;
  out.question_size = at - kHeaderSize;

  size_t before_additional = size_t{out.header.ancount} + out.header.nscount;
  QueryOutcome result = QueryOutcome::kOk;
  for (size_t i = 0; i < records; ++i) {
    QueryOutcome r = readRecord(packet, at, i >= before_additional, out);
    if (r == QueryOutcome::kFormErr) return r;
    if (r == QueryOutcome::kBadVers) result = r;
  }
  return result;
}

}  // namespace esafety::dns
