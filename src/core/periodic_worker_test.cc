// PeriodicWorker: passes back to back while more waits, then one per
// interval; a failed pass is tried again; stop() does not wait out the
// interval.
#include "core/periodic_worker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace esafety {
namespace {

using namespace std::chrono_literals;

// Waits up to 10 s for `done`.
template <typename F>
bool eventually(F done) {
  for (auto end = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < end;) {
    if (done()) return true;
    std::this_thread::sleep_for(1ms);
  }
  return done();
}

TEST(PeriodicWorker, RunsAgainAtOnceWhileMoreWaitsAndStopsWithoutWaitingOutTheInterval) {
  std::atomic<int> passes{0};
  PeriodicWorker worker("test", 1h, [&]() -> Result<bool> { return ++passes < 5; });
  worker.start();
  // Five passes: four said "more", so none waited for the hour.
  ASSERT_TRUE(eventually([&] { return passes.load() == 5; }));
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(passes.load(), 5) << "the fifth said nothing waits: the next is an hour away";
  auto before = std::chrono::steady_clock::now();
  worker.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, 5s) << "stop() waited out the interval";
}

TEST(PeriodicWorker, AFailedPassIsTriedAgainAfterTheInterval) {
  std::atomic<int> passes{0};
  PeriodicWorker worker("test", 5ms, [&]() -> Result<bool> {
    if (++passes <= 3) return Status(StatusCode::kUnavailable, "database is busy");
    return false;
  });
  worker.start();
  EXPECT_TRUE(eventually([&] { return passes.load() >= 5; })) << "a failure stopped the passes";
  worker.stop();
  const int stopped_at = passes.load();
  std::this_thread::sleep_for(30ms);
  EXPECT_EQ(passes.load(), stopped_at) << "a pass ran after stop()";
}

}  // namespace
}  // namespace esafety
