// parseQuery: reads a DNS query from an untrusted client (RFC 1035 §4.1,
// EDNS0 per RFC 6891) and says how to answer it.
//
// Limits: the header, exactly one question, a name within readName()'s
// limits, at most kMaxRecordsPerQuery further records (skipped, except one
// OPT), and no more than the packet's own bytes. Nothing allocates: a flood
// of junk costs no heap.
//
// What the caller must do with each outcome:
//   kOk        decide and answer the question;
//   kDrop      send nothing (too short to hold an id, or itself a response:
//              answering responses invites reflection loops);
//   kFormErr   answer FORMERR with the id and no question;
//   kNotImp    answer NOTIMP with the id and no question (opcode not QUERY);
//   kBadVers   answer BADVERS in an OPT record (EDNS version above 0).
//
//   Query q;
//   switch (parseQuery(packet, q)) { case QueryOutcome::kOk: ...; }
//
// Why not Status: the outcomes are answers, not failures, and a Status
// carries a heap string per malformed packet. Thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "dns/name.h"
#include "dns/wire_types.h"

namespace esafety::dns {

inline constexpr size_t kMaxRecordsPerQuery = 16;

enum class QueryOutcome : uint8_t { kOk, kDrop, kFormErr, kNotImp, kBadVers };

struct Query {
  Header header;
  Name name;
  uint16_t qtype = 0;
  uint16_t qclass = 0;
  // The question as sent (name in the asker's case + type + class), echoed
  // verbatim in answers. Always uncompressed: it is the first name.
  size_t question_size = 0;
  bool has_edns = false;
  uint16_t udp_size = kClassicUdpSize;  // what the client can take over UDP
  bool dnssec_ok = false;

  bool recursionDesired() const { return (header.flags & flag::kRd) != 0; }
  // The largest UDP answer this client accepts, clamped to what we send.
  size_t udpLimit() const;
};

QueryOutcome parseQuery(std::span<const uint8_t> packet, Query& out);

}  // namespace esafety::dns
