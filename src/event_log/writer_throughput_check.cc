// A manual throughput check, not a test. On a real events.db it times
//   1. SqliteEventStore::append() alone, with ready-made 5,000-event batches;
//   2. end to end: P producer threads push N events as fast as they can
//      (backing off briefly when the queue is full) through the EventQueue
//      and the EventWriter.
// and prints events per second for each.
//
//   cmake --build --preset release --target esafety_events_throughput_check
//   ./build/release/src/events/esafety_events_throughput_check [events] [producers] [dir] [web|dns]
//
// "dns" makes the events DNS queries as bench/dns.sh stores them (no
// reference, no user, half of them blocked); "web" (the default) makes them
// a school's web requests.
//
// Build with the release preset for a number worth quoting.
#include <fmt/format.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <thread>
#include <vector>

#include "event_log/event_writer.h"
#include "event_log/sqlite_event_store.h"
#include "event_log/test_events.h"

namespace {
// testEvent() with the spread of a school's day: 300 pupils on 300 devices
// visiting 5,000 sites, so every index takes rows all over, as in life.
esafety::events::Event realisticEvent(int64_t i) {
  esafety::events::Event e = esafety::events::testEvent(i);
  e.user_name.assign(fmt::format("pupil.{}", (i * 7) % 300));
  e.device_name.assign(fmt::format("iPad {}", (i * 13) % 300));
  e.setClientIp(fmt::format("10.0.{}.{}", (i * 13) % 300 / 250, (i * 13) % 300 % 250 + 1));
  e.setUrl(fmt::format("https://www.site{}.example/page/{}", (i * 7919) % 5000, i));
  return e;
}

// A DNS query as the DNS service stores it: the name, no reference and no
// user; half allowed, half blocked.
esafety::events::Event dnsEvent(int64_t i) {
  esafety::events::Event e = esafety::events::testEvent(i);
  e.kind = esafety::events::EventKind::kDns;
  e.reference = 0;
  e.user_id = 0;
  e.user_name.assign("");
  e.device_name.assign("");
  e.setClientIp("127.0.0.1");
  e.method.assign("A");
  e.setUrl(fmt::format("host{}.site{}.example", i % 20000, (i * 7919) % 5000));
  const bool blocked = i % 2 == 0;
  e.category.assign(blocked ? "adult" : "");
  e.verdict = blocked ? esafety::policy::Verdict::kBlock : esafety::policy::Verdict::kAllow;
  e.status = blocked ? 3 : 0;
  return e;
}

// CPU time of the calling thread: the number that does not depend on what
// else the machine is doing.
double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace esafety;
  using namespace esafety::events;
  const int64_t total = argc > 1 ? std::atoll(argv[1]) : 1000000;
  const int producers = argc > 2 ? std::atoi(argv[2]) : 2;
  std::filesystem::path dir =
      argc > 3 ? argv[3] : std::filesystem::temp_directory_path() / "esafety-throughput";
  const bool dns = argc > 4 && std::string_view(argv[4]) == "dns";
  auto makeEvent = [dns](int64_t i) { return dns ? dnsEvent(i) : realisticEvent(i); };
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
  std::printf("%s events\n", dns ? "DNS" : "web");
  std::printf("queue of %zu cells of %zu bytes = %.0f MB\n", queue.capacity(),
              EventQueue::kCellSize,
              double(EventQueue::kCellSize) * double(queue.capacity()) / 1e6);

  // 1. The store alone: append() of ready-made 5,000-event batches.
  {
    std::vector<Event> batch;
    for (int64_t i = 0; i < 5000; ++i) batch.push_back(makeEvent(i));
    auto start = std::chrono::steady_clock::now();
    double cpu_start = threadCpuSeconds();
    int64_t appended = 0;
    for (; appended < total; appended += 5000) {
      // Later events, as in life: the time index grows at its end.
      for (Event& e : batch) {
        e.time_ms += 5000;
        if (e.reference != 0) e.reference += 5000;  // DNS queries have none
      }
      Status status = (*store)->append(batch);
      if (!status) {
        std::fprintf(stderr, "%s\n", status.toString().c_str());
        return 1;
      }
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double cpu = threadCpuSeconds() - cpu_start;
    std::printf("store alone: %lld events in %.2f s: %.0f events/s (%.0f per CPU second)\n",
                static_cast<long long>(appended), seconds, double(appended) / seconds,
                double(appended) / cpu);
  }

  // 2. End to end: producers -> queue -> writer -> store, on a table that
  //    already holds the rows above.
  auto start = std::chrono::steady_clock::now();
  writer.start();
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p) {
    threads.emplace_back([&, p] {
      for (int64_t i = p; i < total; i += producers) {
        Event e = makeEvent(i);
        while (!queue.push(e)) std::this_thread::sleep_for(std::chrono::microseconds(50));
      }
    });
  }
  for (auto& t : threads) t.join();
  writer.stop();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "end to end: %lld events written in %.2f s: %.0f events/s (refused pushes while full: "
      "%llu)\n",
      static_cast<long long>(metrics.written.value()), seconds,
      double(metrics.written.value()) / seconds,
      static_cast<unsigned long long>(metrics.dropped.value()));
  std::filesystem::remove_all(dir);
  return 0;
}
