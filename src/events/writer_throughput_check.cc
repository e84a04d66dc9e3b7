// A manual throughput check, not a test: P producer threads push N events
// as fast as they can (retrying when the queue is full) into a real writer
// on a real events.db, and it prints events per second written.
//
//   cmake --build --preset release --target esafety_events_throughput_check
//   ./build/release/src/events/esafety_events_throughput_check [events] [producers] [dir]
//
// Build with the release preset for a number worth quoting.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

#include "events/event_writer.h"
#include "events/sqlite_event_store.h"
#include "events/test_events.h"

int main(int argc, char** argv) {
  using namespace esafety;
  using namespace esafety::events;
  const int64_t total = argc > 1 ? std::atoll(argv[1]) : 1000000;
  const int producers = argc > 2 ? std::atoi(argv[2]) : 2;
  std::filesystem::path dir = argc > 3 ? argv[3] : std::filesystem::temp_directory_path() /
                                                       "esafety-throughput";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  SystemClock clock;
  auto store = SqliteEventStore::open(eventsDatabasePath(dir.string()), clock, {});
  if (!store) {
    std::fprintf(stderr, "%s\n", store.status().toString().c_str());
    return 1;
  }
  MetricsRegistry registry;
  EventMetrics metrics(registry);
  EventQueue queue(EventQueue::kDefaultCapacity, metrics);
  EventWriter writer(queue, **store, metrics, {});
  std::printf("sizeof(Event) = %zu bytes; queue of %zu = %.0f MB\n", sizeof(Event),
              queue.capacity(), double(sizeof(Event)) * double(queue.capacity()) / 1e6);

  auto start = std::chrono::steady_clock::now();
  writer.start();
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p) {
    threads.emplace_back([&, p] {
      for (int64_t i = p; i < total; i += producers) {
        Event e = testEvent(i);
        while (!queue.push(e)) std::this_thread::yield();
      }
    });
  }
  for (auto& t : threads) t.join();
  writer.stop();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%lld events written in %.2f s: %.0f events/s (refused pushes while full: %llu)\n",
              static_cast<long long>(metrics.written.value()), seconds,
              double(metrics.written.value()) / seconds,
              static_cast<unsigned long long>(metrics.dropped.value()));
  std::filesystem::remove_all(dir);
  return 0;
}
