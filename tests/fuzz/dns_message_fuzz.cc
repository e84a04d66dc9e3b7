// libFuzzer target for the DNS wire codec: everything an untrusted client or
// upstream can send. Each input is parsed as a query (and, if it parses,
// answered in every way the server answers, at several size limits) and as an
// upstream response (and, if it parses, cached, copied back out and written
// into an answer). Checks: no crash, no read or write out of bounds (ASan),
// no undefined behaviour (UBSan), and every answer fits its limit.
//
//   cmake --preset fuzz && cmake --build --preset fuzz --target dns_message_fuzz
//   build/fuzz/tests/fuzz/dns_message_fuzz -max_total_time=60 tests/fuzz/corpus/dns_message_fuzz
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "dns/answer.h"
#include "dns/cache.h"
#include "dns/query_parser.h"
#include "dns/responses.h"

using namespace esafety::dns;

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void answerEveryWay(const Query& q, std::span<const uint8_t> packet) {
  static std::array<uint8_t, kMaxMessage> buf;
  BlockAnswer zero;
  zero.mode = BlockAnswer::Mode::kZero;
  zero.has_v4 = zero.has_v6 = true;
  for (size_t limit : {size_t{40}, size_t{512}, q.udpLimit(), kMaxMessage}) {
    check(writeRcode(q, Rcode::kRefused, buf, limit).size() <= std::max<size_t>(limit, 0));
    check(writeBlock(q, zero, buf, limit).size() <= limit);
    CachedCopy empty;
    check(writeRewrite(q, "forcesafesearch.google.com", empty, buf, limit).size() <= limit);
  }
  (void)writeHeaderOnly(packet, Rcode::kFormErr, true, buf);
}

void cacheAndServe(const Answer& a, const Query* q) {
  static AnswerCache cache({.max_entries = 64, .serve_stale = true});
  static std::array<uint8_t, kMaxMessage> buf;
  Answer copy = a;
  if (copy.cache_ttl == 0) copy.cache_ttl = 5;
  std::string key = "fuzz";
  cache.insert(key, copy, 0);
  CachedCopy out;
  if (cache.lookup(key, 10'000, Freshness::kAllowStale, out) && q != nullptr) {
    for (size_t limit : {size_t{512}, kMaxMessage}) {
      check(writeCached(*q, out, buf, limit).size() <= limit);
      check(writeRewrite(*q, "restrict.youtube.com", out, buf, limit).size() <= limit);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::span<const uint8_t> packet(data, size);
  Query q;
  bool is_query = parseQuery(packet, q) == QueryOutcome::kOk;
  if (is_query) answerEveryWay(q, packet);

  // As an upstream's answer to the question it carries (or to a fixed one).
  Name fixed;
  (void)nameFromText("www.example.org", fixed);
  Question question{is_query ? &q.name : &fixed, is_query ? q.qtype : type::kA,
                    is_query ? q.qclass : kClassIn};
  uint16_t id = size >= 2 ? static_cast<uint16_t>((data[0] << 8) | data[1]) : 0;
  Answer a;
  if (parseResponse(packet, id, question, a) == ResponseOutcome::kOk) {
    check(a.records.size() <= kMaxAnswerBytes);
    check(a.cache_ttl <= kMaxPositiveTtl);
    cacheAndServe(a, is_query ? &q : nullptr);
  }
  return 0;
}
