#include "events/event_codec.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "events/test_event.h"

namespace esafety::events {
namespace {

// Every field set to something other than its default, the strings at their
// limits so that the longest encoding is exercised too.
Event fullEvent() {
  Event e;
  e.reference = 0xFEDCBA9876543210ull;
  e.time_ms = 1772540100123;
  e.school = 42;
  e.node = 7;
  e.kind = EventKind::kDns;
  e.setClientIp("2001:db8::7");
  e.device_id = 301;
  e.user_id = 302;
  e.device_name.assign(std::string(64, 'd'));
  e.user_name.assign(std::string(64, 'u'));
  e.group.assign(std::string(32, 'g'));
  e.method.assign(std::string(16, 'm'));
  e.setUrl(std::string(1024, 'h'));
  e.category.assign(std::string(48, 'c'));
  e.search_terms.assign(std::string(256, 's'));
  e.scores.assign(std::string(160, 'c'));
  e.tags.assign(std::string(96, 't'));
  e.verdict = policy::Verdict::kRewrite;
  e.step = policy::StepId::kCategory;
  e.status = 3;
  e.bytes_in = 1234567;
  e.bytes_out = 7654321;
  e.duration_us = 999;
  e.truncated = true;
  return e;
}

void expectSame(const Event& a, const Event& b) {
  EXPECT_EQ(a.reference, b.reference);
  EXPECT_EQ(a.time_ms, b.time_ms);
  EXPECT_EQ(a.school, b.school);
  EXPECT_EQ(a.node, b.node);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.client_ip, b.client_ip);
  EXPECT_EQ(a.client_v4, b.client_v4);
  EXPECT_EQ(a.device_id, b.device_id);
  EXPECT_EQ(a.user_id, b.user_id);
  EXPECT_EQ(a.device_name.view(), b.device_name.view());
  EXPECT_EQ(a.user_name.view(), b.user_name.view());
  EXPECT_EQ(a.group.view(), b.group.view());
  EXPECT_EQ(a.method.view(), b.method.view());
  EXPECT_EQ(a.url.view(), b.url.view());
  EXPECT_EQ(a.category.view(), b.category.view());
  EXPECT_EQ(a.search_terms.view(), b.search_terms.view());
  EXPECT_EQ(a.scores.view(), b.scores.view());
  EXPECT_EQ(a.tags.view(), b.tags.view());
  EXPECT_EQ(a.verdict, b.verdict);
  EXPECT_EQ(a.step, b.step);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.bytes_in, b.bytes_in);
  EXPECT_EQ(a.bytes_out, b.bytes_out);
  EXPECT_EQ(a.duration_us, b.duration_us);
  EXPECT_EQ(a.truncated, b.truncated);
}

TEST(EventCodecTest, EveryFieldSurvivesTheRoundTrip) {
  for (const Event& original : {fullEvent(), testEvent(5), Event{}}) {
    std::vector<uint8_t> bytes(kMaxEncodedEventSize);
    size_t n = encodeEvent(original, bytes.data());
    EXPECT_EQ(n, encodedEventSize(original));
    Event back = testEvent(99);  // decoding overwrites whatever was there
    ASSERT_TRUE(decodeEvent({bytes.data(), n}, back));
    expectSame(original, back);
  }
}

TEST(EventCodecTest, TheLongestEventIsTheMaximumAndAShortOneIsSmall) {
  EXPECT_EQ(encodedEventSize(fullEvent()), kMaxEncodedEventSize);
  // A DNS query's record fits in one 256-byte queue cell with room to spare.
  Event dns;
  dns.kind = EventKind::kDns;
  dns.device_name.assign("iPad 12");
  dns.group.assign("KS2");
  dns.method.assign("A");
  dns.setUrl("www.some-site-name.example.co.uk");
  dns.category.assign("pornography");
  EXPECT_LT(encodedEventSize(dns), 200u);
}

TEST(EventCodecTest, ShortOrOverlongInputIsRefused) {
  Event original = testEvent(3);
  std::vector<uint8_t> bytes(kMaxEncodedEventSize + 1);
  size_t n = encodeEvent(original, bytes.data());
  Event back;
  EXPECT_FALSE(decodeEvent({bytes.data(), n - 1}, back));
  EXPECT_FALSE(decodeEvent({bytes.data(), 10}, back));
  EXPECT_FALSE(decodeEvent({bytes.data(), n + 1}, back));
  EXPECT_TRUE(decodeEvent({bytes.data(), n}, back));
}

}  // namespace
}  // namespace esafety::events
