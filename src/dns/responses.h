// The answers the DNS filter sends, each written into a caller's buffer
// (MessageWriter underneath): errors, the block answer, the DoH canary's
// NXDOMAIN, answers from the cache or an upstream, and safe-search CNAMEs.
//
// Every function returns the message to send (empty: send nothing) and
// respects `limit` (the client's UDP size, or 65535 over TCP): an answer that
// does not fit goes out as the header and question with TC set, so the
// client retries over TCP (RFC 1035 §4.2.1, RFC 7766).
//
//   std::array<uint8_t, 65535> buf;
//   auto out = writeBlock(query, block_answer, buf, query.udpLimit());
//   socket.send(out);
//
// Thread safety: pure functions; BlockAnswer is immutable after fromConfig().
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/config.h"
#include "core/status.h"
#include "dns/cache.h"
#include "dns/query_parser.h"

namespace esafety::dns {

inline constexpr uint32_t kSynthesisedTtl = 60;  // block answers: short, so policy changes show soon
inline constexpr uint32_t kRewriteTtl = 300;     // the safe-search CNAME

// What a blocked name resolves to (`dns.block_answer`).
struct BlockAnswer {
  enum class Mode : uint8_t { kNxDomain, kZero, kAddress };
  Mode mode = Mode::kNxDomain;
  bool has_v4 = false;
  bool has_v6 = false;
  std::array<uint8_t, 4> v4{};
  std::array<uint8_t, 16> v6{};

  // "nxdomain"; "zero" (0.0.0.0 and ::); "blockpage": the console's listen
  // address (an IP literal; 0.0.0.0/:: means "every address" and cannot be
  // handed to a browser, so then console.public_url's host must be one).
  static Result<BlockAnswer> fromConfig(const ServeConfig& config);
};

// FORMERR, NOTIMP, BADVERS: the id and flags of the query, no question.
std::span<const uint8_t> writeHeaderOnly(std::span<const uint8_t> packet, Rcode rcode,
                                         bool badvers, std::span<uint8_t> buffer);
// REFUSED, SERVFAIL, NXDOMAIN: echoing the question.
std::span<const uint8_t> writeRcode(const Query& query, Rcode rcode, std::span<uint8_t> buffer,
                                    size_t limit);
std::span<const uint8_t> writeBlock(const Query& query, const BlockAnswer& block,
                                    std::span<uint8_t> buffer, size_t limit);
// An answer from the cache or just fetched (the copy's TTLs already counted down).
std::span<const uint8_t> writeCached(const Query& query, const CachedCopy& copy,
                                     std::span<uint8_t> buffer, size_t limit);
// Safe search: question CNAME rewrite_host, then the target's own answer
// records (`target` is the cached answer for rewrite_host and the same type).
std::span<const uint8_t> writeRewrite(const Query& query, std::string_view rewrite_host,
                                      const CachedCopy& target, std::span<uint8_t> buffer,
                                      size_t limit);

}  // namespace esafety::dns
