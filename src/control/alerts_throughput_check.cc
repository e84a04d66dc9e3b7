// A manual throughput check for issue 14's first target, not a test: "rule
// evaluation keeps up with the event writer's peak rate (measure both in one
// run)". On a fresh data folder it
//   1. appends N events of a school's web day to events.db the writer's way
//      (SqliteEventStore::append, 5,000-event batches), timing the CPU of
//      the appending thread: the writer's peak rate;
//   2. runs the alert engine as `esafety serve` does (a real SqliteStore, the
//      read-only SqliteAlertFeed, the default rules, 500-event passes) from
//      the start of the log to its end, timing its thread's CPU;
// and prints both rates and their ratio. A share of the events match rules
// (1% tagged with a monitoring list, 3% blocked, some in risky categories),
// spread over 300 pupils, so alerts are made and extended along the way.
//
//   cmake --build --preset release --target esafety_alerts_throughput_check
//   ./build/release/src/control/esafety_alerts_throughput_check [events] [dir]
#include <fmt/format.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "alerts/alert_engine.h"
#include "control/alert_feed.h"
#include "event_log/sqlite_event_store.h"
#include "event_log/test_events.h"
#include "store/sqlite/sqlite_store.h"

namespace {

using namespace esafety;

double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

// A school's web request; every 100th is a search on a monitoring list, every
// 33rd is blocked (a third of those in a risky category).
events::Event schoolEvent(int64_t i) {
  events::Event e = events::testEvent(i);
  const int64_t pupil = (i * 7) % 300;
  e.school = 1;
  e.user_id = pupil + 1;
  e.user_name.assign(fmt::format("pupil.{}", pupil));
  e.device_name.assign(fmt::format("iPad {}", (i * 13) % 300));
  e.group.assign(pupil % 2 == 0 ? "KS1" : "KS2");
  e.setUrl(fmt::format("https://www.site{}.example/page/{}", (i * 7919) % 5000, i));
  e.tags.assign(i % 100 == 0 ? "self-harm" : "");
  e.search_terms.assign(i % 100 == 0 ? "how to hurt myself" : "");
  e.scores.assign("");
  const bool blocked = i % 33 == 0;
  e.verdict = blocked ? policy::Verdict::kBlock : policy::Verdict::kAllow;
  e.category.assign(blocked ? (i % 99 == 0 ? "pornography" : "games") : "");
  return e;
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t total = argc > 1 ? std::atoll(argv[1]) : 1000000;
  std::filesystem::path dir =
      argc > 2 ? argv[2] : std::filesystem::temp_directory_path() / "esafety-alerts-throughput";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  SystemClock clock;
  const std::string events_path = events::eventsDatabasePath(dir.string());

  // 1. The writer's peak: append() alone.
  {
    auto log = events::SqliteEventStore::open(events_path, clock, {});
    if (!log) return std::fprintf(stderr, "%s\n", log.status().toString().c_str()), 1;
    std::vector<events::Event> batch(5000);
    const double cpu_start = threadCpuSeconds();
    for (int64_t done = 0; done < total; done += 5000) {
      for (int64_t j = 0; j < 5000; ++j) {
        batch[j] = schoolEvent(done + j);
        batch[j].time_ms = 1772530200000 + (done + j) * 20;  // 50 events a second of a day
      }
      Status s = (*log)->append(batch);
      if (!s) return std::fprintf(stderr, "%s\n", s.toString().c_str()), 1;
    }
    const double cpu = threadCpuSeconds() - cpu_start;
    std::printf("writer: %lld events, %.0f events per CPU second\n", static_cast<long long>(total),
                double(total) / cpu);
  }

  // 2. The engine over the same log, as serve runs it.
  auto store = store::openSqliteStore((dir / "esafety.db").string(), clock);
  if (!store) return std::fprintf(stderr, "%s\n", store.status().toString().c_str()), 1;
  auto school = (*store)->createSchool("Bench School", "", "bench");
  if (!school) return std::fprintf(stderr, "%s\n", school.status().toString().c_str()), 1;
  auto feed = control::SqliteAlertFeed::open(events_path, clock);
  if (!feed) return std::fprintf(stderr, "%s\n", feed.status().toString().c_str()), 1;
  alerts::AlertEngine engine(**store, **store, **feed, {.school = *school});
  const double cpu_start = threadCpuSeconds();
  const auto wall_start = std::chrono::steady_clock::now();
  int64_t read = 0, hits = 0, made = 0;
  for (;;) {
    auto pass = engine.runOnce();
    if (!pass) return std::fprintf(stderr, "%s\n", pass.status().toString().c_str()), 1;
    if (pass->events_read == 0) break;
    read += pass->events_read;
    hits += pass->hits;
    made += pass->new_alerts;
  }
  const double cpu = threadCpuSeconds() - cpu_start;
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  std::printf("engine: %lld events (%lld hits, %lld alerts), %.0f events per CPU second (%.2f s wall)\n",
              static_cast<long long>(read), static_cast<long long>(hits),
              static_cast<long long>(made), double(read) / cpu, wall);
  return 0;
}
