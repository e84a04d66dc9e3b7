// AlertStreams without sockets: one delivery per burst of notices, each alert
// queued for every alerts stream as an SSE event (and for no other topic's),
// nothing sent when nothing changed, and a delivery posted before the feed
// went does nothing. (The caps: live_streams_test.cc.)
#include "serve/alert_streams.h"

#include <gtest/gtest.h>

#include "store/sqlite/test_store.h"

namespace esafety::serve {
namespace {

using store::testing::StoreTest;

class AlertStreamsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    clock_.setUnix(kStartTime);
  }
  std::unique_ptr<AlertStreams> make() {
    auto s = std::make_unique<AlertStreams>(&notifier_, control::AlertWatch(*store_, school_, clock_), live_,
                                            [this](std::function<void()> fn) { posted_.push_back(std::move(fn)); });
    EXPECT_TRUE(s->start().isOk());
    return s;
  }
  void raise(int64_t user, int64_t n) {
    alerts::AlertBatch batch;
    alerts::Hit h;
    h.subject.user_id = user;
    h.category = "self-harm";
    h.level = 5;
    h.rule = "self-harm or suicide";
    h.evidence.source_id = n;
    h.evidence.time_ms = clock_.nowUnixMs();
    batch.hits.push_back(h);
    batch.cursor.events_through = n;
    ASSERT_TRUE(store_->applyAlertBatch(school_, batch).isOk());
  }
  void runPosted() {
    auto work = std::exchange(posted_, {});
    for (auto& fn : work) fn();
  }
  alerts::AlertNotifier notifier_;
  LiveStreams live_{LiveStreams::Limits{}};
  std::vector<std::function<void()>> posted_;
};

TEST_F(AlertStreamsTest, ABurstOfNoticesIsOneDeliveryToEveryStream) {
  auto streams = make();
  int woken = 0;
  auto a = live_.open("10.0.0.1", "alerts", [&] { ++woken; });
  auto b = live_.open("10.0.0.2", "alerts", [&] { ++woken; });
  auto other = live_.open("10.0.0.3", "class:oak", [&] { ++woken; });
  raise(7, 1);
  notifier_.notify({});
  notifier_.notify({});
  ASSERT_EQ(posted_.size(), 1u) << "one delivery pending at a time";
  runPosted();
  EXPECT_EQ(woken, 2);
  auto got = a->take();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].starts_with("id: ")) << got[0];
  EXPECT_NE(got[0].find("\nevent: alert\ndata: {"), std::string::npos) << got[0];
  EXPECT_NE(got[0].find("\"category\":\"self-harm\""), std::string::npos) << got[0];
  EXPECT_TRUE(got[0].ends_with("}\n\n")) << got[0];
  EXPECT_EQ(b->take().size(), 1u);
  EXPECT_TRUE(other->take().empty()) << "a class view gets no alerts from this feed";
  EXPECT_TRUE(a->take().empty()) << "taken";
  notifier_.notify({});
  runPosted();
  EXPECT_TRUE(a->take().empty()) << "nothing changed: nothing sent";
}

TEST_F(AlertStreamsTest, ADeliveryPostedBeforeTheStreamsWentDoesNothing) {
  auto streams = make();
  raise(1, 1);
  notifier_.notify({});
  streams.reset();
  runPosted();  // must not touch the destroyed streams
  notifier_.notify({});
  EXPECT_TRUE(posted_.empty()) << "no longer listening";
}

}  // namespace
}  // namespace esafety::serve
