#include "events/event_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "events/test_event.h"

namespace esafety::events {
namespace {

class EventQueueTest : public ::testing::Test {
 protected:
  MetricsRegistry registry_;
  EventMetrics metrics_{registry_};
};

TEST_F(EventQueueTest, FirstInFirstOutAndCapacityIsAPowerOfTwo) {
  EventQueue queue(5, metrics_);
  EXPECT_EQ(queue.capacity(), 8u);
  Event out;
  EXPECT_FALSE(queue.pop(out));
  for (int lap = 0; lap < 3; ++lap) {  // wrap around the ring a few times
    for (int i = 0; i < 6; ++i) ASSERT_TRUE(queue.push(testEvent(lap * 10 + i)));
    EXPECT_EQ(queue.sizeApprox(), 6u);
    for (int i = 0; i < 6; ++i) {
      ASSERT_TRUE(queue.pop(out));
      EXPECT_EQ(out.device_id, lap * 10 + i);
      EXPECT_EQ(out.url.view(), testEvent(lap * 10 + i).url.view());
    }
    EXPECT_FALSE(queue.pop(out));
  }
  EXPECT_EQ(metrics_.queued.value(), 18u);
  EXPECT_EQ(metrics_.dropped.value(), 0u);
}

TEST_F(EventQueueTest, CongestedWhileMoreThanHalfFull) {
  EventQueue queue(8, metrics_);
  EventSink& sink = queue;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(queue.push(testEvent(i)));
  EXPECT_FALSE(sink.congested());
  ASSERT_TRUE(queue.push(testEvent(4)));
  EXPECT_TRUE(sink.congested());
  Event out;
  ASSERT_TRUE(queue.pop(out));
  EXPECT_FALSE(sink.congested());
}

TEST_F(EventQueueTest, PopBatchTakesAtMostMax) {
  EventQueue queue(16, metrics_);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(queue.push(testEvent(i)));
  std::vector<Event> batch;
  EXPECT_EQ(queue.popBatch(batch, 4), 4u);
  EXPECT_EQ(queue.popBatch(batch, 100), 6u);
  ASSERT_EQ(batch.size(), 10u);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(batch[static_cast<size_t>(i)].device_id, i);
  EXPECT_EQ(queue.popBatch(batch, 100), 0u);
}

TEST_F(EventQueueTest, WhenFullPushFailsAtOnceAndEveryDropIsCounted) {
  EventQueue queue(1024, metrics_);
  constexpr int kThreads = 4, kPerThread = 10000;
  std::atomic<uint64_t> accepted{0}, refused{0};
  std::vector<std::thread> producers;
  auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < kThreads; ++t) {
    producers.emplace_back([&, t] {
      Event e = testEvent(t);
      for (int i = 0; i < kPerThread; ++i) (queue.push(e) ? accepted : refused)++;
    });
  }
  for (auto& p : producers) p.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(accepted.load(), 1024u);
  EXPECT_EQ(refused.load(), uint64_t{kThreads * kPerThread} - 1024);
  EXPECT_EQ(metrics_.queued.value(), 1024u);
  EXPECT_EQ(metrics_.dropped.value(), refused.load());
  // 40,000 pushes that mostly fail take microseconds each at worst; a second
  // would mean push() waited for something.
  EXPECT_LT(seconds, 1.0);
  // Room again once the consumer takes one.
  Event out;
  ASSERT_TRUE(queue.pop(out));
  EXPECT_TRUE(queue.push(out));
  EXPECT_FALSE(queue.push(out));
}

// Events of every size, from one cell to seven, lap the ring many times:
// each arrives whole and in order, including runs that wrap past the end of
// the cell array.
TEST_F(EventQueueTest, LargeEventsSpanCellsAndWrapAroundTheRing) {
  EventQueue queue(16, metrics_);
  std::vector<Event> batch;
  for (int i = 0; i < 200; ++i) {
    Event e = testEvent(i);
    e.setUrl(std::string(static_cast<size_t>(i * 37 % 1100), 'a' + static_cast<char>(i % 26)));
    e.search_terms.assign(std::string(static_cast<size_t>(i % 3 == 0 ? 256 : 0), 's'));
    ASSERT_TRUE(queue.push(e)) << i;
    if (i % 3 == 2) queue.popBatch(batch, 100);  // let the ring hold a few at a time
  }
  queue.popBatch(batch, 100);
  ASSERT_EQ(batch.size(), 200u);
  for (int i = 0; i < 200; ++i) {
    const Event& got = batch[static_cast<size_t>(i)];
    EXPECT_EQ(got.device_id, i);
    EXPECT_EQ(got.url.view().size(), static_cast<size_t>(std::min(i * 37 % 1100, 1024)));
    EXPECT_EQ(got.search_terms.view().size(), i % 3 == 0 ? 256u : 0u);
  }
  EXPECT_EQ(queue.sizeApprox(), 0u);
  EXPECT_EQ(metrics_.dropped.value(), 0u);
}

// A large event needs a run of free cells: with only some free it is
// refused (and counted), while a small one still fits; an event larger than
// the whole ring is always refused.
TEST_F(EventQueueTest, ALargeEventIsRefusedWhenItsRunDoesNotFit) {
  EventQueue queue(4, metrics_);
  Event big = testEvent(1);
  big.setUrl(std::string(600, 'x'));  // three cells
  Event huge = testEvent(2);
  huge.setUrl(std::string(1024, 'x'));
  huge.search_terms.assign(std::string(256, 's'));  // six cells: more than the ring
  ASSERT_TRUE(queue.push(testEvent(0)));
  ASSERT_TRUE(queue.push(testEvent(0)));
  EXPECT_FALSE(queue.push(big));
  EXPECT_TRUE(queue.push(testEvent(3)));
  EXPECT_FALSE(queue.push(huge));
  EXPECT_EQ(metrics_.dropped.value(), 2u);
  Event out;
  while (queue.pop(out)) {
  }
  EXPECT_TRUE(queue.push(big));
  ASSERT_TRUE(queue.pop(out));
  EXPECT_EQ(out.url.view(), big.url.view());
  EXPECT_FALSE(queue.push(huge));
}

// 4 producers x 100,000 events with a concurrent consumer: every event
// arrives exactly once and each producer's events in order. Producers retry
// on a full queue so the test can also check that the drop count equals the
// refusals exactly.
TEST_F(EventQueueTest, ConcurrentProducersLoseAndDuplicateNothing) {
  EventQueue queue(4096, metrics_);
  constexpr int kThreads = 4;
  constexpr int64_t kPerThread = 100000;
  std::atomic<uint64_t> refused{0};
  std::vector<std::thread> producers;
  for (int t = 0; t < kThreads; ++t) {
    producers.emplace_back([&, t] {
      Event e;
      e.node = static_cast<uint32_t>(t);
      for (int64_t i = 0; i < kPerThread; ++i) {
        e.device_id = i;
        while (!queue.push(e)) {
          refused++;
          std::this_thread::yield();
        }
      }
    });
  }
  std::vector<int64_t> next(kThreads, 0);
  uint64_t received = 0, out_of_order = 0;
  std::vector<Event> batch;
  while (received < kThreads * kPerThread) {
    batch.clear();
    if (queue.popBatch(batch, 512) == 0) std::this_thread::yield();
    for (const Event& e : batch) {
      ASSERT_LT(e.node, static_cast<uint32_t>(kThreads));
      if (e.device_id != next[e.node]) ++out_of_order;
      next[e.node] = e.device_id + 1;
      ++received;
    }
  }
  for (auto& p : producers) p.join();
  Event extra;
  EXPECT_FALSE(queue.pop(extra));
  EXPECT_EQ(out_of_order, 0u);
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(next[t], kPerThread);
  EXPECT_EQ(metrics_.queued.value(), uint64_t{kThreads * kPerThread});
  EXPECT_EQ(metrics_.dropped.value(), refused.load());
}

}  // namespace
}  // namespace esafety::events
