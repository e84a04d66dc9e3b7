#include "events/event.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "events/event_host.h"
#include "events/event_time.h"

namespace esafety::events {
namespace {

TEST(EventTest, KindNamesRoundTrip) {
  for (EventKind k :
       {EventKind::kHttp, EventKind::kConnect, EventKind::kDns, EventKind::kRefused}) {
    EventKind parsed = EventKind::kHttp;
    ASSERT_TRUE(parseEventKind(eventKindName(k), &parsed));
    EXPECT_EQ(parsed, k);
  }
  EXPECT_EQ(eventKindName(EventKind::kDns), "dns");
  EventKind unchanged = EventKind::kDns;
  EXPECT_FALSE(parseEventKind("HTTP", &unchanged));
  EXPECT_EQ(unchanged, EventKind::kDns);
}

TEST(EventTest, VerdictNamesParse) {
  policy::Verdict v = policy::Verdict::kAllow;
  ASSERT_TRUE(parseVerdict("block", &v));
  EXPECT_EQ(v, policy::Verdict::kBlock);
  EXPECT_FALSE(parseVerdict("blocked", &v));
}

TEST(EventTest, ClientIpTextForBothFamilies) {
  Event e;
  EXPECT_EQ(e.clientIpText(), "0.0.0.0");
  ASSERT_TRUE(e.setClientIp("192.0.2.7"));
  EXPECT_TRUE(e.client_v4);
  EXPECT_EQ(e.clientIpText(), "192.0.2.7");
  ASSERT_TRUE(e.setClientIp("2001:DB8:0:0:0:0:0:7"));
  EXPECT_FALSE(e.client_v4);
  EXPECT_EQ(e.clientIpText(), "2001:db8::7");
  EXPECT_FALSE(e.setClientIp("192.0.2.300"));
  EXPECT_FALSE(e.setClientIp("example.com"));
  EXPECT_FALSE(e.setClientIp(std::string(200, '1')));
  EXPECT_EQ(e.clientIpText(), "2001:db8::7");  // unchanged by a failed parse
}

TEST(EventTest, LongUrlIsCutAndFlagged) {
  Event e;
  e.setUrl("http://example.com/");
  EXPECT_FALSE(e.truncated);
  e.setUrl("http://example.com/" + std::string(2000, 'a'));
  EXPECT_TRUE(e.truncated);
  EXPECT_EQ(e.url.view().size(), 1024u);
}

TEST(EventHostTest, HostFromEveryKindOfTarget) {
  EXPECT_EQ(hostOfUrl("http://user:pw@Www.Example.COM:8080/a/b?c#d"), "www.example.com");
  EXPECT_EQ(hostOfUrl("https://example.com"), "example.com");
  EXPECT_EQ(hostOfUrl("example.com:443"), "example.com");  // a CONNECT target
  EXPECT_EQ(hostOfUrl("Example.com."), "example.com");     // a DNS name
  EXPECT_EQ(hostOfUrl("http://[2001:db8::1]:443/"), "2001:db8::1");
  EXPECT_EQ(hostOfUrl("2001:db8::1"), "2001:db8::1");
  EXPECT_EQ(hostOfUrl(""), "");
  EXPECT_EQ(hostOfUrl("http:///x"), "");
  EXPECT_EQ(reversedHost("www.example.com"), "moc.elpmaxe.www");
}

class EventTimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tz = std::getenv("TZ");
    saved_ = tz ? tz : "";
    had_tz_ = tz != nullptr;
    setenv("TZ", "UTC", 1);
    tzset();
  }
  void TearDown() override {
    if (had_tz_) {
      setenv("TZ", saved_.c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  std::string saved_;
  bool had_tz_ = false;
};

TEST_F(EventTimeTest, FormatsAndParsesLocalTime) {
  EXPECT_EQ(formatEventTime(1772540102123), "2026-03-03 12:15:02");
  EXPECT_EQ(*parseEventTime("2026-03-03 12:15", DateOnly::kStartOfDay), 1772540100000);
  EXPECT_EQ(*parseEventTime("2026-03-03 12:15:02", DateOnly::kStartOfDay), 1772540102000);
  EXPECT_EQ(*parseEventTime("2026-03-03", DateOnly::kStartOfDay), 1772496000000);
  EXPECT_EQ(*parseEventTime("2026-03-03", DateOnly::kEndOfDay), 1772496000000 + 86400000);
  EXPECT_EQ(*parseEventTime("2026-12-31", DateOnly::kEndOfDay),
            *parseEventTime("2027-01-01", DateOnly::kStartOfDay));
  for (const char* bad : {"yesterday", "2026-02-30", "2026-03-03 25:00", "03/03/2026", ""}) {
    auto parsed = parseEventTime(bad, DateOnly::kStartOfDay);
    EXPECT_FALSE(parsed) << bad;
    if (!parsed) {
      EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
    }
  }
}

TEST_F(EventTimeTest, FollowsSummerTimeInLondon) {
  setenv("TZ", "Europe/London", 1);
  tzset();
  // 2026-07-01 12:00 BST is 11:00 UTC.
  EXPECT_EQ(*parseEventTime("2026-07-01 12:00", DateOnly::kStartOfDay), 1782903600000);
  EXPECT_EQ(formatEventTime(1782903600000), "2026-07-01 12:00:00");
}

}  // namespace
}  // namespace esafety::events
