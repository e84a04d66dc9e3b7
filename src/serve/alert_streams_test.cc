// AlertStreams without sockets: the caps per client and in total, a place
// given back on close, one delivery per burst of notices, each alert queued
// for every stream as an SSE event, a stream that falls behind is ended, and
// endAll() ends every stream and refuses new ones.
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
  std::unique_ptr<AlertStreams> make(AlertStreams::Limits limits) {
    auto s = std::make_unique<AlertStreams>(&notifier_, control::AlertWatch(*store_, school_, clock_), limits,
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
  std::vector<std::function<void()>> posted_;
};

TEST_F(AlertStreamsTest, CapsPerClientAndInTotalAndAPlaceComesBackOnClose) {
  auto streams = make({.max_total = 3, .max_per_client = 2});
  auto a = streams->open("10.0.0.1", nullptr);
  auto b = streams->open("10.0.0.1", nullptr);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(streams->open("10.0.0.1", nullptr), nullptr);
  EXPECT_EQ(streams->lastRefusal(), AlertStreams::Refusal::kPerClient);
  auto c = streams->open("10.0.0.2", nullptr);
  ASSERT_TRUE(c);
  EXPECT_EQ(streams->open("10.0.0.3", nullptr), nullptr);
  EXPECT_EQ(streams->lastRefusal(), AlertStreams::Refusal::kTotal);
  streams->close(a);
  EXPECT_NE(streams->open("10.0.0.1", nullptr), nullptr) << "the closed stream's place is free";
}

TEST_F(AlertStreamsTest, ABurstOfNoticesIsOneDeliveryToEveryStream) {
  auto streams = make({});
  int woken = 0;
  auto a = streams->open("10.0.0.1", [&] { ++woken; });
  auto b = streams->open("10.0.0.2", [&] { ++woken; });
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
  EXPECT_TRUE(a->take().empty()) << "taken";
  notifier_.notify({});
  runPosted();
  EXPECT_TRUE(a->take().empty()) << "nothing changed: nothing sent";
}

TEST_F(AlertStreamsTest, AStreamThatFallsBehindIsEnded) {
  auto streams = make({.max_queued = 2});
  auto slow = streams->open("10.0.0.1", nullptr);
  for (int i = 1; i <= 3; ++i) {
    raise(i, i);
    notifier_.notify({});
    runPosted();
  }
  EXPECT_TRUE(slow->ended());
  EXPECT_TRUE(slow->take().empty());
}

TEST_F(AlertStreamsTest, EndAllEndsEveryStreamAndRefusesNewOnes) {
  auto streams = make({});
  bool woken = false;
  auto a = streams->open("10.0.0.1", [&] { woken = true; });
  streams->endAll();
  EXPECT_TRUE(a->ended());
  EXPECT_TRUE(woken);
  EXPECT_EQ(streams->open("10.0.0.1", nullptr), nullptr);
  EXPECT_EQ(streams->lastRefusal(), AlertStreams::Refusal::kEnded);
}

TEST_F(AlertStreamsTest, ADeliveryPostedBeforeTheStreamsWentDoesNothing) {
  auto streams = make({});
  raise(1, 1);
  notifier_.notify({});
  streams.reset();
  runPosted();  // must not touch the destroyed streams
  notifier_.notify({});
  EXPECT_TRUE(posted_.empty()) << "no longer listening";
}

}  // namespace
}  // namespace esafety::serve
