// Answer: an upstream's response to one question, normalised for the cache
// and for splicing into our own answers, and parseResponse(), which makes one
// from untrusted bytes.
//
// Normalising means: every record's names decompressed (so records can be
// copied into any message without fixing pointers), the upstream's OPT record
// dropped (EDNS0 is hop-by-hop; we add our own), and the offsets of every TTL
// noted so a cached copy can count down. How long the answer may be cached
// follows RFC 2181 and RFC 2308: the smallest TTL in the answer section for a
// positive answer; for NXDOMAIN and NODATA the smaller of the SOA's TTL and
// its MINIMUM field, and not at all without a SOA. Both are capped.
//
//   Answer a;
//   switch (parseResponse(packet, query_id, question, a)) {
//     case ResponseOutcome::kOk: cache.insert(key, a, now); ...
//     case ResponseOutcome::kMismatch: keep waiting (not our answer)
//     case ResponseOutcome::kMalformed: try the next upstream
//   }
//
// Limits: at most kMaxAnswerRecords records and kMaxAnswerBytes of
// normalised records. Thread-compatible; reuse one Answer per worker.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "dns/name.h"
#include "dns/wire_types.h"

namespace esafety::dns {

inline constexpr size_t kMaxAnswerRecords = 256;
inline constexpr size_t kMaxAnswerBytes = 16384;
inline constexpr uint32_t kMaxPositiveTtl = 86400;  // one day
inline constexpr uint32_t kMaxNegativeTtl = 3600;   // RFC 2308 suggests 1-3 hours

struct Answer {
  uint8_t rcode = 0;
  bool truncated = false;      // TC was set: retry over TCP
  bool authoritative = false;  // AA from the upstream (not passed on)
  std::array<uint16_t, 3> counts{};  // answer, authority, additional
  std::vector<uint8_t> records;      // uncompressed, in section order
  std::vector<uint16_t> ttl_offsets;  // into `records`
  uint32_t cache_ttl = 0;             // seconds; 0: do not cache

  void clear();
  uint16_t recordCount() const { return static_cast<uint16_t>(counts[0] + counts[1] + counts[2]); }
  // Bytes of the answer section alone (it comes first in `records`).
  size_t answerSectionBytes() const { return answer_bytes; }
  size_t answer_bytes = 0;
};

// The question a response must carry to be ours.
struct Question {
  const Name* name = nullptr;
  uint16_t qtype = 0;
  uint16_t qclass = kClassIn;
};

enum class ResponseOutcome : uint8_t {
  kOk,         // `out` holds the answer (check rcode and truncated)
  kMismatch,   // well-formed enough to see it is not the answer to our question
  kMalformed,  // broken or over a limit
};

ResponseOutcome parseResponse(std::span<const uint8_t> packet, uint16_t id, const Question& q,
                              Answer& out);

}  // namespace esafety::dns
