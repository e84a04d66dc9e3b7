#include "event_log/event_format.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>

#include "event_log/event_json.h"
#include "event_log/test_events.h"
#include "pages/reference.h"

namespace esafety::events {
namespace {

class EventFormatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tz = std::getenv("TZ");
    had_tz_ = tz != nullptr;
    saved_ = tz ? tz : "";
    setenv("TZ", "UTC", 1);
    tzset();
    StoredEvent a{101, testEvent(2000)};  // 12:15:02 UTC
    a.event.verdict = policy::Verdict::kBlock;
    a.event.step = policy::StepId::kCategory;
    a.event.category.assign("games");
    a.event.setUrl("http://games.example.com/play?level=1");
    StoredEvent b{102, testEvent(61000)};  // 12:16:01
    b.event.user_name.assign("");
    b.event.device_name.assign("Library PC");
    b.event.group.assign("Visitor");
    b.event.category.assign("");
    b.event.setClientIp("2001:db8::9");
    b.event.setUrl("https://www.example.org/a,\"quoted\"\r\nline");
    b.event.search_terms.assign("=HYPERLINK(\"http://evil\")");
    rows_ = {b, a};
  }
  void TearDown() override {
    if (had_tz_) {
      setenv("TZ", saved_.c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }

  std::vector<StoredEvent> rows_;
  bool had_tz_ = false;
  std::string saved_;
};

TEST_F(EventFormatTest, TableIsAlignedAndReadable) {
  EXPECT_EQ(
      eventsTable(rows_, 200),
      "TIME                 CLIENT       WHO                 GROUP    DECISION  CATEGORY  URL\n"
      "2026-03-03 12:16:01  2001:db8::9  Library PC          Visitor  allowed   -         "
      "https://www.example.org/a,\"quoted\"??line\n"
      "2026-03-03 12:15:02  10.0.8.1     amy.smith (iPad 7)  KS2      blocked   games     "
      "http://games.example.com/play?level=1\n");
}

TEST_F(EventFormatTest, TableCutsTheUrlToFitTheWidth) {
  std::string table = eventsTable(rows_, 110);
  size_t start = 0;
  while (start < table.size()) {
    size_t end = table.find('\n', start);
    std::string line = table.substr(start, end - start);
    size_t columns = 0;
    for (char c : line) columns += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    EXPECT_LE(columns, 110u) << line;
    start = end + 1;
  }
  EXPECT_NE(table.find("http://games.example.com/p…\n"), std::string::npos) << table;
}

TEST_F(EventFormatTest, TerminalSafeReplacesControlsAndBadUtf8) {
  EXPECT_EQ(terminalSafe("plain Zoë"), "plain Zoë");
  EXPECT_EQ(terminalSafe("a\x1b[31mred\x07"), "a?[31mred?");
  EXPECT_EQ(terminalSafe("bad \xff\xc3 end"), "bad ?? end");
  EXPECT_EQ(terminalSafe("c1 \xc2\x9b x"), "c1 ? x");  // U+009B, a CSI to some terminals
  EXPECT_EQ(cutToWidth("abcdef", 6), "abcdef");
  EXPECT_EQ(cutToWidth("abcdef", 4), "abc…");
  EXPECT_EQ(cutToWidth("Zoëëëë", 4), "Zoë…");
}

TEST_F(EventFormatTest, CsvFollowsRfc4180AndDefusesFormulas) {
  EXPECT_EQ(eventsCsv(rows_),
            "id,time,client_ip,device,user,group,decision,step,category,kind,method,url,"
            "search_terms,status,bytes_in,bytes_out,duration_us,scores,tags\r\n"
            "102,2026-03-03 12:16:01,2001:db8::9,Library PC,,Visitor,allow,default,,http,GET,"
            "\"https://www.example.org/a,\"\"quoted\"\"\r\nline\","
            "\"'=HYPERLINK(\"\"http://evil\"\")\",200,0,5120,1500,,\r\n"
            "101,2026-03-03 12:15:02,10.0.8.1,iPad 7,amy.smith,KS2,block,category,games,http,GET,"
            "http://games.example.com/play?level=1,,200,0,5120,1500,,\r\n");
  EXPECT_EQ(eventsCsv({}),
            "id,time,client_ip,device,user,group,decision,step,category,kind,method,url,"
            "search_terms,status,bytes_in,bytes_out,duration_us,scores,tags\r\n");
}

TEST_F(EventFormatTest, JsonIsAnArrayOfObjects) {
  auto doc = nlohmann::json::parse(eventsJson(rows_));
  ASSERT_TRUE(doc.is_array());
  ASSERT_EQ(doc.size(), 2u);
  EXPECT_EQ(doc[1]["id"], 101);
  EXPECT_EQ(doc[1]["time"], "2026-03-03 12:15:02");
  EXPECT_EQ(doc[1]["time_ms"], 1772540102000);
  EXPECT_EQ(doc[1]["decision"], "block");
  EXPECT_EQ(doc[1]["step"], "category");
  EXPECT_EQ(doc[1]["category"], "games");
  EXPECT_EQ(doc[1]["host"], "games.example.com");
  EXPECT_EQ(doc[1]["user"], "amy.smith");
  EXPECT_EQ(doc[0]["client_ip"], "2001:db8::9");
  EXPECT_EQ(doc[0]["url"], "https://www.example.org/a,\"quoted\"\r\nline");
  EXPECT_EQ(eventsJson({}), "[]\n");
}

// The console's Event (event_json.h): its fields with their names, and a
// block page's reference as the pupil reads it, not the number behind it.
TEST_F(EventFormatTest, JsonIsTheConsolesEventWithItsReferenceAsOnTheBlockPage) {
  rows_[1].event.reference = 7340033;
  rows_[0].event.reference = 0;
  auto doc = nlohmann::json::parse(eventsJson(rows_));
  EXPECT_EQ(doc[1]["reference"], pages::formatReference(7340033));
  EXPECT_EQ(doc[1]["reference"].get<std::string>().rfind("ES-", 0), 0u);
  EXPECT_EQ(doc[0]["reference"], "") << "an event without a block page has none";
  EXPECT_EQ(eventJson(rows_[1]), doc[1]) << "the array is of the one encoder's objects";
  for (const char* field : {"id", "reference", "time_ms", "kind", "client_ip", "device", "user",
                            "group", "decision", "step", "category", "url", "host",
                            "search_terms", "status"}) {
    EXPECT_TRUE(doc[1].contains(field)) << field;
  }
}

TEST_F(EventFormatTest, JsonSurvivesInvalidUtf8) {
  rows_[0].event.setUrl("http://example.com/\xff\xfe");
  auto doc = nlohmann::json::parse(eventsJson(rows_));
  EXPECT_EQ(doc[0]["url"], "http://example.com/\xef\xbf\xbd\xef\xbf\xbd");
}

}  // namespace
}  // namespace esafety::events
