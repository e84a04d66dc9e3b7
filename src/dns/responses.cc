#include "dns/responses.h"

#include "dns/message_writer.h"

#include <arpa/inet.h>

#include <cstring>
#include <fmt/format.h>

namespace esafety::dns {
namespace {

uint16_t responseFlags(const Header& query, Rcode rcode) {
  return static_cast<uint16_t>(flag::kQr | flag::kRa | (query.flags & (flag::kRd | flag::kCd)) |
                               static_cast<uint16_t>(rcode));
}

void startAnswer(MessageWriter& w, const Query& q, Rcode rcode) {
  w.begin({q.header.id, responseFlags(q.header, rcode), 0, 0, 0, 0});
  // Echoing the question always fits a 512-byte limit: the name is <= 255.
  (void)w.question(q.name.wire(), q.qtype, q.qclass);
}

std::span<const uint8_t> finishOrTruncate(MessageWriter& w, const Query& q, Rcode rcode,
                                          std::span<uint8_t> buffer, size_t limit) {
  if (!w.overflowed() && (!q.has_edns || w.opt(kMaxUdpSize, 0))) return w.finish();
  MessageWriter t(buffer, limit);
  startAnswer(t, q, rcode);
  t.setFlags(t.flags() | flag::kTc);
  if (q.has_edns) (void)t.opt(kMaxUdpSize, 0);
  return t.finish();
}

// Calls fn(owner, type, class, ttl, rdata) for each uncompressed record.
template <typename Fn>
bool forEachRecord(std::span<const uint8_t> records, size_t count, Fn&& fn) {
  size_t at = 0;
  Name owner;
  for (size_t i = 0; i < count; ++i) {
    if (readName(records, at, owner) != NameError::kOk || at + 10 > records.size()) return false;
    const uint8_t* f = &records[at];
    uint16_t rdlength = load16(f + 8);
    if (at + 10 + rdlength > records.size()) return false;
    if (!fn(owner.wire(), load16(f), load16(f + 2), load32(f + 4),
            records.subspan(at + 10, rdlength))) {
      return false;
    }
    at += 10 + rdlength;
  }
  return true;
}

}  // namespace

Result<BlockAnswer> BlockAnswer::fromConfig(const ServeConfig& config) {
  BlockAnswer b;
  const std::string& mode = config.dns.block_answer;
  if (mode == "nxdomain") return b;
  if (mode == "zero") {
    b.mode = Mode::kZero;
    b.has_v4 = b.has_v6 = true;
    return b;
  }
  if (mode != "blockpage") {
    return invalidArgument(fmt::format("dns.block_answer: '{}' is not nxdomain, zero or blockpage",
                                       mode));
  }
  b.mode = Mode::kAddress;
  auto parse = [&b](const std::string& host) {
    if (inet_pton(AF_INET, host.c_str(), b.v4.data()) == 1) {
      b.has_v4 = std::memcmp(b.v4.data(), "\0\0\0\0", 4) != 0;
    } else if (inet_pton(AF_INET6, host.c_str(), b.v6.data()) == 1) {
      static const std::array<uint8_t, 16> kAny{};
      b.has_v6 = b.v6 != kAny;
    }
    return b.has_v4 || b.has_v6;
  };
  if (parse(config.console.listen.host)) return b;
  // The console listens on every address: take the host browsers are told to use.
  std::string_view url = config.console.public_url;
  if (auto scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find('/'));
  std::string host(url.starts_with('[') ? url.substr(1, url.find(']') - 1)
                                        : url.substr(0, url.rfind(':')));
  if (parse(host)) return b;
  return invalidArgument(fmt::format(
      "dns.block_answer = \"blockpage\" needs the block page's address, but console.listen ({}) "
      "listens on every address and console.public_url ({}) does not name an IP address",
      config.console.listen.toString(), config.console.public_url));
}

std::span<const uint8_t> writeHeaderOnly(std::span<const uint8_t> packet, Rcode rcode,
                                         bool badvers, std::span<uint8_t> buffer) {
  if (packet.size() < 2 || buffer.size() < kHeaderSize + 11) return {};
  Header q = packet.size() >= kHeaderSize ? readHeader(packet) : Header{load16(packet.data())};
  MessageWriter w(buffer, buffer.size());
  uint16_t flags = static_cast<uint16_t>(flag::kQr | (q.flags & 0x7800) | (q.flags & flag::kRd) |
                                         static_cast<uint16_t>(rcode));
  w.begin({q.id, flags, 0, 0, 0, 0});
  if (badvers) (void)w.opt(kMaxUdpSize, static_cast<uint8_t>(kRcodeBadVers >> 4));
  return w.finish();
}

std::span<const uint8_t> writeRcode(const Query& query, Rcode rcode, std::span<uint8_t> buffer,
                                    size_t limit) {
  MessageWriter w(buffer, limit);
  startAnswer(w, query, rcode);
  return finishOrTruncate(w, query, rcode, buffer, limit);
}

std::span<const uint8_t> writeBlock(const Query& query, const BlockAnswer& block,
                                    std::span<uint8_t> buffer, size_t limit) {
  if (block.mode == BlockAnswer::Mode::kNxDomain) {
    return writeRcode(query, Rcode::kNxDomain, buffer, limit);
  }
  MessageWriter w(buffer, limit);
  startAnswer(w, query, Rcode::kNoError);
  bool any = query.qtype == type::kAny;
  if (block.has_v4 && (query.qtype == type::kA || any)) {
    (void)w.record(Section::kAnswer, query.name.wire(), type::kA, kClassIn, kSynthesisedTtl,
                   block.v4);
  }
  if (block.has_v6 && (query.qtype == type::kAaaa || any)) {
    (void)w.record(Section::kAnswer, query.name.wire(), type::kAaaa, kClassIn, kSynthesisedTtl,
                   block.v6);
  }
  // Other types: NOERROR with no data, so nothing else resolves either.
  return finishOrTruncate(w, query, Rcode::kNoError, buffer, limit);
}

std::span<const uint8_t> writeCached(const Query& query, const CachedCopy& copy,
                                     std::span<uint8_t> buffer, size_t limit) {
  Rcode rcode = static_cast<Rcode>(copy.rcode & 0xF);
  MessageWriter w(buffer, limit);
  startAnswer(w, query, rcode);
  size_t count = size_t{copy.counts[0]} + copy.counts[1] + copy.counts[2];
  // Fast path: the records as stored, uncompressed, in one copy.
  size_t need = w.size() + copy.records.size() + (query.has_edns ? 11 : 0);
  if (need <= limit) {
    // rawRecords counts everything as one section; set the split ourselves.
    (void)w.rawRecords(Section::kAnswer, copy.records, copy.counts[0]);
    std::span<const uint8_t> out = w.finish();
    if (query.has_edns) {
      MessageWriter tail(buffer.subspan(out.size()), 11);
      (void)tail.opt(kMaxUdpSize, 0);
    }
    Header h = readHeader(buffer);
    h.nscount = copy.counts[1];
    h.arcount = static_cast<uint16_t>(copy.counts[2] + (query.has_edns ? 1 : 0));
    writeHeader(buffer.data(), h);
    return buffer.first(need);
  }
  // Too big as stored: write the records again with compression.
  size_t index = 0;
  bool ok = forEachRecord(copy.records, count,
                          [&](auto owner, uint16_t t, uint16_t c, uint32_t ttl, auto rdata) {
                            Section s = index < copy.counts[0]                     ? Section::kAnswer
                                        : index < size_t{copy.counts[0]} + copy.counts[1]
                                            ? Section::kAuthority
                                            : Section::kAdditional;
                            ++index;
                            return w.record(s, owner, t, c, ttl, rdata);
                          });
  if (!ok && !w.overflowed()) return writeRcode(query, Rcode::kServFail, buffer, limit);
  return finishOrTruncate(w, query, rcode, buffer, limit);
}

std::span<const uint8_t> writeRewrite(const Query& query, std::string_view rewrite_host,
                                      const CachedCopy& target, std::span<uint8_t> buffer,
                                      size_t limit) {
  Name cname;
  if (nameFromText(rewrite_host, cname) != NameError::kOk) {
    return writeRcode(query, Rcode::kServFail, buffer, limit);
  }
  MessageWriter w(buffer, limit);
  startAnswer(w, query, Rcode::kNoError);
  (void)w.record(Section::kAnswer, query.name.wire(), type::kCname, kClassIn, kRewriteTtl,
                 cname.wire());
  if (query.qtype != type::kCname) {
    bool ok = forEachRecord(target.records, target.counts[0],
                            [&](auto owner, uint16_t t, uint16_t c, uint32_t ttl, auto rdata) {
                              return w.record(Section::kAnswer, owner, t, c, ttl, rdata);
                            });
    if (!ok && !w.overflowed()) return writeRcode(query, Rcode::kServFail, buffer, limit);
  }
  return finishOrTruncate(w, query, Rcode::kNoError, buffer, limit);
}

}  // namespace esafety::dns
