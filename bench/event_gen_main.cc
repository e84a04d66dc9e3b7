// esafety_event_gen: fills an events.db with a school's worth of realistic
// events, for the console benchmark (bench/console.sh).
//
//   esafety_event_gen <events.db> <count> [pupils] [days]
//
// `count` events spread evenly over the last `days` days (default 30) up to
// now, from `pupils` pupils (default 1,000) on 300 devices, visiting 5,000
// sites; about 8% are blocked, across six categories; one in twenty is a
// search with a term. The search index is brought up to date in passes of
// 500,000 events (the writer's are smaller and happen while it is idle; the
// index ends the same). Deterministic for the same arguments (apart from
// "now"). Prints progress and the rate on stderr.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/clock.h"
#include "event_log/sqlite_event_store.h"

using namespace esafety;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: esafety_event_gen <events.db> <count> [pupils] [days]\n");
    return 2;
  }
  const std::string path = argv[1];
  const int64_t count = std::atoll(argv[2]);
  const int pupils = argc > 3 ? std::atoi(argv[3]) : 1000;
  const int days = argc > 4 ? std::atoi(argv[4]) : 30;
  if (count <= 0 || pupils <= 0 || days <= 0) {
    std::fprintf(stderr, "esafety_event_gen: count, pupils and days must be positive\n");
    return 2;
  }
  SystemClock clock;
  auto store = events::SqliteEventStore::open(path, clock, {});
  if (!store) {
    std::fprintf(stderr, "esafety_event_gen: %s\n", store.status().toString().c_str());
    return 1;
  }
  const char* kBlockedCategories[] = {"pornography", "games", "social-networking",
                                      "violence", "gambling", "circumvention"};
  const char* kGroups[] = {"KS1", "KS2"};
  std::mt19937_64 rng(20261128);
  const int64_t end_ms = clock.nowUnixMs();
  const int64_t span_ms = int64_t{days} * 24 * 3600 * 1000;
  const int64_t start_ms = end_ms - span_ms;
  std::vector<events::Event> batch;
  const size_t kBatch = 5000;
  const int64_t kIndexPass = 500000;
  double index_seconds = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < count; ++i) {
    events::Event e;
    uint64_t r = rng();
    int pupil = static_cast<int>(r % pupils);
    int device = pupil % 300;
    int site = static_cast<int>((r >> 20) % 5000);
    bool blocked = (r >> 40) % 100 < 8;
    bool search = !blocked && (r >> 48) % 20 == 0;
    e.reference = 9000000000ull + static_cast<uint64_t>(i);
    e.time_ms = start_ms + span_ms * i / count;
    e.kind = events::EventKind::kHttp;
    e.setClientIp(fmt::format("10.1.{}.{}", device / 250, device % 250 + 1));
    e.device_id = device + 1;
    e.device_name.assign(fmt::format("iPad {:03}", device + 1));
    e.user_id = pupil + 1;
    e.user_name.assign(fmt::format("Pupil {:04}", pupil + 1));
    e.group.assign(kGroups[pupil % 2]);
    e.method.assign("GET");
    if (search) {
      e.setUrl(fmt::format("https://www.google.co.uk/search?q=topic+{}", site));
      e.search_terms.assign(fmt::format("topic {}", site));
      e.verdict = policy::Verdict::kRewrite;
      e.step = policy::StepId::kSafeSearch;
    } else if (blocked) {
      e.setUrl(fmt::format("http://blocked{}.example/page", site % 500));
      e.category.assign(kBlockedCategories[site % 6]);
      e.verdict = policy::Verdict::kBlock;
      e.step = policy::StepId::kCategory;
      e.status = 403;
    } else {
      e.setUrl(fmt::format("https://www.site{}.example/page/{}", site, r % 97));
      e.category.assign(site % 3 == 0 ? "educational" : "");
      e.verdict = policy::Verdict::kAllow;
      e.step = policy::StepId::kDefault;
      e.status = 200;
    }
    e.bytes_out = 4000 + r % 60000;
    e.duration_us = 800 + r % 9000;
    batch.push_back(e);
    if (batch.size() == kBatch || i + 1 == count) {
      Status s = (*store)->append(batch);
      if (!s.isOk()) {
        std::fprintf(stderr, "esafety_event_gen: %s\n", s.toString().c_str());
        return 1;
      }
      batch.clear();
      // The search index, in large passes (see the top).
      while ((*store)->backlog() >= kIndexPass || (i + 1 == count && (*store)->backlog() > 0)) {
        auto pass_start = std::chrono::steady_clock::now();
        auto done = (*store)->catchUp(kIndexPass);
        if (!done) {
          std::fprintf(stderr, "esafety_event_gen: %s\n", done.status().toString().c_str());
          return 1;
        }
        index_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - pass_start).count();
      }
      if ((i + 1) % 1000000 == 0 || i + 1 == count) {
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::fprintf(stderr, "  %lld events written and indexed, %.0f a second (%.0f s of it indexing)\n",
                     static_cast<long long>(i + 1), (i + 1) / secs, index_seconds);
      }
    }
  }
  return 0;
}
