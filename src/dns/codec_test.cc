#include <gtest/gtest.h>

#include "dns/answer.h"
#include "dns/dns_test_util.h"
#include "dns/message_writer.h"
#include "dns/name.h"
#include "dns/query_parser.h"

namespace esafety::dns {
namespace {

using namespace testing;

TEST(QueryParserTest, ReadsAQuestionKeepingTheAskersCase) {
  Bytes q = query("WWW.Example.ORG", type::kAaaa, 0xBEEF);
  Query out;
  ASSERT_EQ(parseQuery(q, out), QueryOutcome::kOk);
  EXPECT_EQ(out.header.id, 0xBEEF);
  EXPECT_EQ(out.name.text(), "www.example.org");
  EXPECT_EQ(out.name.wire()[1], 'W');
  EXPECT_EQ(out.qtype, type::kAaaa);
  EXPECT_EQ(out.qclass, kClassIn);
  EXPECT_FALSE(out.has_edns);
  EXPECT_EQ(out.udpLimit(), 512u);
  EXPECT_TRUE(out.recursionDesired());
}

TEST(QueryParserTest, ReadsEdnsAndClampsTheUdpSize) {
  Query out;
  ASSERT_EQ(parseQuery(query("a.example", type::kA, 1, true, 4096), out), QueryOutcome::kOk);
  EXPECT_TRUE(out.has_edns);
  EXPECT_EQ(out.udp_size, 4096);
  EXPECT_EQ(out.udpLimit(), kMaxUdpSize);
  ASSERT_EQ(parseQuery(query("a.example", type::kA, 1, true, 100), out), QueryOutcome::kOk);
  EXPECT_EQ(out.udpLimit(), 512u);  // below 512 means 512 (RFC 6891 §6.2.5)
}

TEST(QueryParserTest, RootQuestion) {
  Bytes q = header(1, 0x0100, 1);
  q.push_back(0);
  put16(q, type::kNs);
  put16(q, 1);
  Query out;
  ASSERT_EQ(parseQuery(q, out), QueryOutcome::kOk);
  EXPECT_EQ(out.name.text(), "");
}

TEST(QueryParserTest, MalformedQueriesAreFormErrOrDropped) {
  Query out;
  Bytes good = query("www.example.org", type::kA);
  // Too short for a header, or itself a response: dropped.
  EXPECT_EQ(parseQuery(std::span(good.data(), 11), out), QueryOutcome::kDrop);
  Bytes response = good;
  response[2] |= 0x80;
  EXPECT_EQ(parseQuery(response, out), QueryOutcome::kDrop);
  // Every truncation of the question.
  for (size_t n = kHeaderSize; n < good.size(); ++n) {
    EXPECT_EQ(parseQuery(std::span(good.data(), n), out), QueryOutcome::kFormErr) << n;
  }
  // A pointer to itself, and a pointer forwards.
  Bytes loop = header(1, 0x0100, 1);
  append(loop, {0xC0, 0x0C, 0, 1, 0, 1});
  EXPECT_EQ(parseQuery(loop, out), QueryOutcome::kFormErr);
  Bytes forward = header(1, 0x0100, 1);
  append(forward, {1, 'a', 0xC0, 0x20, 0, 1, 0, 1});
  forward.resize(40, 0);
  EXPECT_EQ(parseQuery(forward, out), QueryOutcome::kFormErr);
  // A pointer backwards into the header is refused too: a question is never compressed.
  Bytes into_header = header(1, 0x0100, 1);
  append(into_header, {1, 'a', 0xC0, 0x02, 0, 1, 0, 1});
  EXPECT_EQ(parseQuery(into_header, out), QueryOutcome::kFormErr);
  // A 64-byte label (its length byte has the reserved 01 prefix).
  Bytes label64 = header(1, 0x0100, 1);
  label64.push_back(64);
  label64.insert(label64.end(), 64, 'a');
  append(label64, {0, 0, 1, 0, 1});
  EXPECT_EQ(parseQuery(label64, out), QueryOutcome::kFormErr);
  // 4 x 63-byte labels = 257 bytes on the wire.
  std::string l63(63, 'b');
  EXPECT_EQ(parseQuery(query(l63 + "." + l63 + "." + l63 + "." + l63, type::kA), out),
            QueryOutcome::kFormErr);
  // 255 exactly is fine: 3 x 63 + one 61-byte label = 4*1 + 189 + 61 + 1 = 255.
  EXPECT_EQ(parseQuery(query(l63 + "." + l63 + "." + l63 + "." + std::string(61, 'c'), type::kA),
                       out),
            QueryOutcome::kOk);
  EXPECT_EQ(out.name.wire().size(), 255u);
  // QDCOUNT other than 1.
  Bytes qd0 = header(1, 0x0100, 0);
  EXPECT_EQ(parseQuery(qd0, out), QueryOutcome::kFormErr);
  Bytes qd2 = query("a.example", type::kA);
  qd2[5] = 2;
  append(qd2, wireName("b.example"));
  append(qd2, {0, 1, 0, 1});
  EXPECT_EQ(parseQuery(qd2, out), QueryOutcome::kFormErr);
  // Two OPT records; OPT with a name; a record running past the end.
  Bytes two_opt = query("a.example", type::kA, 1, true);
  two_opt[11] = 2;
  append(two_opt, {0, 0, 41, 4, 0xD0, 0, 0, 0, 0, 0, 0});
  EXPECT_EQ(parseQuery(two_opt, out), QueryOutcome::kFormErr);
  Bytes cut_opt = query("a.example", type::kA, 1, true);
  cut_opt.pop_back();
  EXPECT_EQ(parseQuery(cut_opt, out), QueryOutcome::kFormErr);
}

TEST(QueryParserTest, OtherOpcodesAreNotImplementedAndNewEdnsIsBadVers) {
  Query out;
  for (uint16_t opcode : {1, 2, 4, 5, 6, 15}) {
    Bytes q = query("a.example", type::kA);
    q[2] = static_cast<uint8_t>((q[2] & 0x87) | (opcode << 3));
    EXPECT_EQ(parseQuery(q, out), QueryOutcome::kNotImp) << opcode;
  }
  Bytes v1 = query("a.example", type::kA, 1, true);
  v1[v1.size() - 5] = 1;  // the version byte of OPT's TTL
  EXPECT_EQ(parseQuery(v1, out), QueryOutcome::kBadVers);
}

TEST(NameTest, UnfilterableBytesAreFlagged) {
  Bytes q = header(1, 0x0100, 1);
  append(q, {3, 'a', '.', 'b', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1});
  Query out;
  ASSERT_EQ(parseQuery(q, out), QueryOutcome::kOk);
  EXPECT_FALSE(out.name.filterable());
  ASSERT_EQ(parseQuery(query("_dmarc.example.org", type::kTxt), out), QueryOutcome::kOk);
  EXPECT_TRUE(out.name.filterable());
}

TEST(MessageWriterTest, CompressesNamesAndRoundTrips) {
  Name question, target;
  ASSERT_EQ(nameFromText("www.google.com", question), NameError::kOk);
  ASSERT_EQ(nameFromText("forcesafesearch.google.com", target), NameError::kOk);
  std::array<uint8_t, 512> buf;
  MessageWriter w(buf, buf.size());
  w.begin({7, flag::kQr, 0, 0, 0, 0});
  ASSERT_TRUE(w.question(question.wire(), type::kA, kClassIn));
  ASSERT_TRUE(w.record(Section::kAnswer, question.wire(), type::kCname, kClassIn, 300,
                       target.wire()));
  const uint8_t addr[4] = {216, 239, 38, 120};
  ASSERT_TRUE(w.record(Section::kAnswer, target.wire(), type::kA, kClassIn, 300, addr));
  auto msg = w.finish();
  // question 16+4; CNAME: pointer 2 + 10 + "forcesafesearch" 16 + pointer 2; A: pointer 2 + 10 + 4.
  EXPECT_EQ(msg.size(), 12u + 20 + 30 + 16);
  Answer a;
  ASSERT_EQ(parseResponse(msg, 7, {&question, type::kA, kClassIn}, a), ResponseOutcome::kOk);
  EXPECT_EQ(a.counts[0], 2);
  // The normalised records are uncompressed: the CNAME target spelled out.
  std::string records(a.records.begin(), a.records.end());
  EXPECT_NE(records.find("\x0f" "forcesafesearch\x06google\x03" "com"), std::string::npos);
  EXPECT_EQ(a.cache_ttl, 300u);
}

TEST(MessageWriterTest, StopsAtTheLimit) {
  Name n;
  ASSERT_EQ(nameFromText("example.org", n), NameError::kOk);
  std::array<uint8_t, 512> buf;
  MessageWriter w(buf, 60);
  w.begin({1, flag::kQr, 0, 0, 0, 0});
  ASSERT_TRUE(w.question(n.wire(), type::kA, kClassIn));  // 12 + 17
  const uint8_t addr[4] = {1, 2, 3, 4};
  EXPECT_TRUE(w.record(Section::kAnswer, n.wire(), type::kA, kClassIn, 1, addr));  // +16 = 45
  EXPECT_FALSE(w.record(Section::kAnswer, n.wire(), type::kA, kClassIn, 1, addr));
  EXPECT_TRUE(w.overflowed());
  auto msg = w.finish();
  EXPECT_EQ(msg.size(), 45u);
  EXPECT_EQ(load16(&msg[6]), 1);  // the record that did not fit is not counted
}

TEST(ResponseParserTest, MatchesIdNameTypeAndClass) {
  Name name;
  ASSERT_EQ(nameFromText("a.example", name), NameError::kOk);
  Bytes r = header(9, 0x8180, 1, 1);
  append(r, wireName("A.EXAMPLE"));
  append(r, {0, 1, 0, 1});
  append(r, record("a.example", type::kA, 60, {1, 2, 3, 4}));
  Answer a;
  EXPECT_EQ(parseResponse(r, 9, {&name, type::kA, kClassIn}, a), ResponseOutcome::kOk);
  EXPECT_EQ(parseResponse(r, 10, {&name, type::kA, kClassIn}, a), ResponseOutcome::kMismatch);
  EXPECT_EQ(parseResponse(r, 9, {&name, type::kAaaa, kClassIn}, a), ResponseOutcome::kMismatch);
  Name other;
  ASSERT_EQ(nameFromText("b.example", other), NameError::kOk);
  EXPECT_EQ(parseResponse(r, 9, {&other, type::kA, kClassIn}, a), ResponseOutcome::kMismatch);
  Bytes cut(r.begin(), r.end() - 2);
  EXPECT_EQ(parseResponse(cut, 9, {&name, type::kA, kClassIn}, a), ResponseOutcome::kMalformed);
}

TEST(ResponseParserTest, TtlsPositiveNegativeAndCapped) {
  Name name;
  ASSERT_EQ(nameFromText("a.example", name), NameError::kOk);
  Answer a;
  // Positive: the smallest TTL of the answer section, capped at a day.
  Bytes r = header(1, 0x8180, 1, 2);
  append(r, wireName("a.example"));
  append(r, {0, 1, 0, 1});
  append(r, record("a.example", type::kA, 999999, {1, 2, 3, 4}));
  append(r, record("a.example", type::kA, 500000, {1, 2, 3, 5}));
  ASSERT_EQ(parseResponse(r, 1, {&name, type::kA, kClassIn}, a), ResponseOutcome::kOk);
  EXPECT_EQ(a.cache_ttl, kMaxPositiveTtl);
  // NXDOMAIN with a SOA: min(SOA TTL, MINIMUM).
  Bytes soa_rdata = wireName("ns.example");
  append(soa_rdata, wireName("host.example"));
  for (uint32_t v : {1u, 2u, 3u, 4u, 45u}) put32(soa_rdata, v);
  Bytes nx = header(1, 0x8183, 1, 0, 1);
  append(nx, wireName("a.example"));
  append(nx, {0, 1, 0, 1});
  append(nx, record("example", type::kSoa, 300, soa_rdata));
  ASSERT_EQ(parseResponse(nx, 1, {&name, type::kA, kClassIn}, a), ResponseOutcome::kOk);
  EXPECT_EQ(a.rcode, 3);
  EXPECT_EQ(a.cache_ttl, 45u);
  // Without a SOA a negative answer is not cached (RFC 2308 §5).
  Bytes bare = header(1, 0x8183, 1);
  append(bare, wireName("a.example"));
  append(bare, {0, 1, 0, 1});
  ASSERT_EQ(parseResponse(bare, 1, {&name, type::kA, kClassIn}, a), ResponseOutcome::kOk);
  EXPECT_EQ(a.cache_ttl, 0u);
  // SERVFAIL is never cached.
  Bytes sf = header(1, 0x8182, 1);
  append(sf, wireName("a.example"));
  append(sf, {0, 1, 0, 1});
  ASSERT_EQ(parseResponse(sf, 1, {&name, type::kA, kClassIn}, a), ResponseOutcome::kOk);
  EXPECT_EQ(a.cache_ttl, 0u);
}

TEST(ResponseParserTest, DropsTheUpstreamsOptAndRefusesBadRdata) {
  Name name;
  ASSERT_EQ(nameFromText("a.example", name), NameError::kOk);
  Bytes r = header(1, 0x8180, 1, 1, 0, 1);
  append(r, wireName("a.example"));
  append(r, {0, 1, 0, 1});
  append(r, record("a.example", type::kA, 60, {1, 2, 3, 4}));
  append(r, {0, 0, 41, 4, 0xD0, 0, 0, 0, 0, 0, 0});
  Answer a;
  ASSERT_EQ(parseResponse(r, 1, {&name, type::kA, kClassIn}, a), ResponseOutcome::kOk);
  EXPECT_EQ(a.counts[2], 0);
  EXPECT_EQ(a.ttl_offsets.size(), 1u);
  // A CNAME whose name runs past its rdlength.
  Bytes bad = header(1, 0x8180, 1, 1);
  append(bad, wireName("a.example"));
  append(bad, {0, 1, 0, 1});
  Bytes rec = record("a.example", type::kCname, 60, wireName("b.example"));
  rec[rec.size() - wireName("b.example").size() - 1] = 3;  // rdlength too short
  append(bad, rec);
  EXPECT_EQ(parseResponse(bad, 1, {&name, type::kA, kClassIn}, a), ResponseOutcome::kMalformed);
}

}  // namespace
}  // namespace esafety::dns
