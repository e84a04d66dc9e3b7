#include "event_log/event_writer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "event_log/search_index.h"
#include "event_log/sqlite_event_store.h"
#include "event_log/test_events.h"
#include "sqlite/transaction.h"

namespace esafety::events {
namespace {

using namespace std::chrono_literals;

SqliteEventStoreOptions readOnly() {
  SqliteEventStoreOptions o;
  o.read_only = true;
  return o;
}

// Quick retries so failure tests finish fast.
EventWriterOptions fastOptions() {
  EventWriterOptions o;
  o.max_delay = 20ms;
  o.idle_poll = 1ms;
  o.first_backoff = 1ms;
  o.max_backoff = 10ms;
  o.stop_timeout = 5s;
  return o;
}

class EventWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("esafety-writer-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<SqliteEventStore> openStore(SqliteEventStoreOptions options = {}) {
    auto store = SqliteEventStore::open(eventsDatabasePath(dir_.string()), clock_, options);
    EXPECT_TRUE(store) << store.status().toString();
    return store ? std::move(*store) : nullptr;
  }

  // Pushes, retrying while the queue is full (the test wants every event in).
  void pushAll(EventQueue& queue, int64_t first, int64_t count) {
    for (int64_t i = first; i < first + count; ++i) {
      Event e = testEvent(i);
      while (!queue.push(e)) std::this_thread::sleep_for(100us);
    }
  }

  std::filesystem::path dir_;
  SystemClock clock_;
  MetricsRegistry registry_;
  EventMetrics metrics_{registry_};
};

TEST_F(EventWriterTest, HundredThousandEventsBecomeExactlyHundredThousandRows) {
  auto store = openStore();
  ASSERT_TRUE(store);
  EventQueue queue(8192, metrics_);
  EventWriter writer(queue, *store, metrics_, {});
  writer.start();
  pushAll(queue, 0, 100000);
  writer.stop();
  EXPECT_EQ(metrics_.written.value(), 100000u);
  EXPECT_EQ(metrics_.write_errors.value(), 0u);
  auto reader = openStore(readOnly());
  EventQuery all;
  EXPECT_EQ(*reader->count(all), 100000);
  auto distinct = reader->database().prepare(
      "SELECT count(DISTINCT device_id), min(device_id), max(device_id) FROM events");
  ASSERT_TRUE(distinct && *distinct->step());
  EXPECT_EQ(distinct->int64At(0), 100000);
  EXPECT_EQ(distinct->int64At(1), 0);
  EXPECT_EQ(distinct->int64At(2), 99999);
}

TEST_F(EventWriterTest, StopDrainsEverythingQueued) {
  MemoryEventStore store;
  EventQueue queue(4096, metrics_);
  EventWriterOptions options = fastOptions();
  options.max_delay = 1h;  // nothing would be written before stop()
  options.max_batch = 100000;
  EventWriter writer(queue, store, metrics_, options);
  writer.start();
  pushAll(queue, 0, 3000);
  writer.stop();
  ASSERT_EQ(store.events().size(), 3000u);
  EXPECT_EQ(store.events().back().device_id, 2999);
  EXPECT_EQ(queue.sizeApprox(), 0u);
  EXPECT_EQ(metrics_.queue_depth.value(), 0);
}

TEST_F(EventWriterTest, StopWithoutStartStillDrains) {
  MemoryEventStore store;
  EventQueue queue(64, metrics_);
  pushAll(queue, 0, 50);
  EventWriter writer(queue, store, metrics_, fastOptions());
  writer.stop();
  EXPECT_EQ(store.events().size(), 50u);
}

TEST_F(EventWriterTest, AStoreThatFailsThenRecoversLosesNothing) {
  MemoryEventStore store;
  store.failNext(5);
  EventQueue queue(4096, metrics_);
  EventWriterOptions options = fastOptions();
  options.max_batch = 100;
  EventWriter writer(queue, store, metrics_, options);
  writer.start();
  pushAll(queue, 0, 2000);
  writer.stop();
  std::vector<Event> events = store.events();
  ASSERT_EQ(events.size(), 2000u);
  for (size_t i = 0; i < events.size(); ++i) ASSERT_EQ(events[i].device_id, int64_t(i));
  EXPECT_EQ(metrics_.write_errors.value(), 5u);
  EXPECT_EQ(metrics_.written.value(), 2000u);
  EXPECT_EQ(metrics_.lost.value(), 0u);
}

TEST_F(EventWriterTest, ProducersNeverBlockWhileTheStoreIsStuck) {
  MemoryEventStore store;
  store.hold();
  EventQueue queue(1024, metrics_);
  EventWriter writer(queue, store, metrics_, fastOptions());
  writer.start();
  ASSERT_TRUE(queue.push(testEvent(0)));
  store.waitUntilStuck();  // the writer is inside append(), going nowhere

  std::vector<std::thread> producers;
  std::atomic<uint64_t> accepted{1};
  std::atomic<int64_t> slowest_push_us{0};
  for (int t = 0; t < 4; ++t) {
    producers.emplace_back([&, t] {
      for (int i = 0; i < 25000; ++i) {
        auto start = std::chrono::steady_clock::now();
        bool ok = queue.push(testEvent(1 + t * 25000 + i));
        auto us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
        if (ok) accepted++;
        int64_t seen = slowest_push_us.load();
        while (us > seen && !slowest_push_us.compare_exchange_weak(seen, us)) {
        }
      }
    });
  }
  for (auto& p : producers) p.join();
  // A push never waits for the store: even on a busy shared machine, no
  // single push comes near the time a stuck disk would cost.
  EXPECT_LT(slowest_push_us.load(), 200000);
  EXPECT_EQ(metrics_.dropped.value(), 100001u - accepted.load());
  EXPECT_GT(metrics_.dropped.value(), 0u);

  store.release();
  writer.stop();
  EXPECT_EQ(store.events().size(), accepted.load());
  EXPECT_EQ(metrics_.written.value(), accepted.load());
}

TEST_F(EventWriterTest, ALockedDatabaseIsRetriedUntilItIsFree) {
  SqliteEventStoreOptions impatient;
  impatient.busy_timeout_ms = 10;
  auto store = openStore(impatient);
  ASSERT_TRUE(store);
  // Another connection (another process, in life) holds the write lock.
  auto other = sqlite::Database::open(eventsDatabasePath(dir_.string()), {});
  ASSERT_TRUE(other);
  auto lock = sqlite::Transaction::begin(**other, sqlite::Transaction::Kind::kWrite);
  ASSERT_TRUE(lock);

  EventQueue queue(4096, metrics_);
  EventWriter writer(queue, *store, metrics_, fastOptions());
  writer.start();
  pushAll(queue, 0, 500);
  while (metrics_.write_errors.value() < 3) std::this_thread::sleep_for(1ms);
  EXPECT_EQ(metrics_.written.value(), 0u);
  ASSERT_TRUE(lock->commit());
  writer.stop();
  EXPECT_EQ(metrics_.written.value(), 500u);
  EXPECT_EQ(*store->count({}), 500);
}

TEST_F(EventWriterTest, AcceptedEventsAreStoredWithinOneSecond) {
  auto store = openStore();
  ASSERT_TRUE(store);
  auto reader = openStore(readOnly());
  EventQueue queue(1024, metrics_);
  EventWriter writer(queue, *store, metrics_, {});  // the production defaults
  writer.start();
  std::this_thread::sleep_for(50ms);
  auto pushed = std::chrono::steady_clock::now();
  ASSERT_TRUE(queue.push(testEvent(1)));
  while (*reader->count({}) == 0 && std::chrono::steady_clock::now() - pushed < 5s) {
    std::this_thread::sleep_for(5ms);
  }
  auto latency = std::chrono::steady_clock::now() - pushed;
  EXPECT_LT(latency, 1s) << std::chrono::duration<double>(latency).count() << " s";
  writer.stop();
}

TEST_F(EventWriterTest, AnIdleWriterBringsTheSearchIndexUpToDate) {
  auto store = openStore();
  ASSERT_TRUE(store);
  auto reader = openStore(readOnly());
  EventQueue queue(4096, metrics_);
  EventWriterOptions options = fastOptions();
  options.catch_up_events = 700;  // several passes
  options.catch_up_min = 1000000;  // so only the timer makes a pass due
  options.catch_up_every = 10ms;
  EventWriter writer(queue, *store, metrics_, options);
  writer.start();
  pushAll(queue, 0, 3000);
  auto start = std::chrono::steady_clock::now();
  int64_t through = 0;
  while (through < 3000 && std::chrono::steady_clock::now() - start < 10s) {
    std::this_thread::sleep_for(5ms);
    auto t = searchIndexedThrough(reader->database());
    ASSERT_TRUE(t) << t.status().toString();
    through = *t;
  }
  EXPECT_EQ(through, 3000);
  writer.stop();
}

TEST_F(EventWriterTest, ShutdownGivesUpOnADeadStoreAndCountsTheLoss) {
  MemoryEventStore store;
  store.failNext(1 << 30);
  EventQueue queue(1024, metrics_);
  EventWriterOptions options = fastOptions();
  options.max_batch = 10;
  options.stop_timeout = 100ms;
  EventWriter writer(queue, store, metrics_, options);
  writer.start();
  pushAll(queue, 0, 95);
  auto start = std::chrono::steady_clock::now();
  writer.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_EQ(metrics_.written.value(), 0u);
  EXPECT_EQ(metrics_.lost.value(), 95u);
  EXPECT_GT(metrics_.write_errors.value(), 0u);
}

TEST_F(EventWriterTest, MetricsAreRegisteredUnderTheirNames) {
  MemoryEventStore store;
  EventQueue queue(2, metrics_);
  ASSERT_TRUE(queue.push(testEvent(1)));
  ASSERT_TRUE(queue.push(testEvent(2)));
  ASSERT_FALSE(queue.push(testEvent(3)));
  EventWriter writer(queue, store, metrics_, fastOptions());
  writer.stop();
  std::string text = registry_.renderPrometheus();
  EXPECT_NE(text.find("esafety_events_queued_total 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("esafety_events_dropped_total 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("esafety_events_written_total 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE esafety_events_queue_depth gauge\n"), std::string::npos) << text;
  EXPECT_NE(text.find("esafety_events_batch_write_seconds_count 1\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace esafety::events
