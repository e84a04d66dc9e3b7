// SelftestRunner: the filter self-test in the background, for `esafety
// serve`: the console's "Run now" (start() returns at once; the page polls
// state() for progress and then reads the run) and the daily run at
// [selftest] daily_at, school local time through the Clock seam
// (dailyRunDue()). One run at a time: start() while one is going says so.
//
//   SelftestRunner runner(store, kDefaultSchool, clock, listenersFrom(config), config.selftest.dailyMinute());
//   runner.startDailyTimer();                      // checks every 20 s
//   Status s = runner.start("console", "it@school.example");
//   SelftestProgress p = runner.state();           // running, done of total, last run
//   runner.stop();                                 // waits for a run in flight
//
// Thread safety: every method is safe from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>

#include "control/filter_selftest.h"
#include "control/selftest_probe.h"
#include "core/clock.h"
#include "core/mutex.h"
#include "store/store.h"

namespace esafety::control {

struct SelftestProgress {
  bool running = false;
  std::string trigger;       // of the run going, or of the last one
  int64_t done = 0, total = 0;
  int64_t last_run_id = 0;   // 0: none finished since serve started
  std::string last_error;    // the last run's error ("" when it ran)
};

// True when the daily run is due: the local time `now` (which is Unix
// `now_unix`) is at or past `daily_minute` today, and `last_daily_start`
// (Unix seconds; 0: never) is not today, local time. `daily_minute` < 0: never.
bool dailyRunDue(const LocalTime& now, int64_t now_unix, int daily_minute, int64_t last_daily_start);

class SelftestRunner {
 public:
  SelftestRunner(store::Store& store, policy::SchoolId school, const Clock& clock,
                 SelftestListeners listeners, int daily_minute);
  ~SelftestRunner();
  SelftestRunner(const SelftestRunner&) = delete;
  SelftestRunner& operator=(const SelftestRunner&) = delete;

  // kFailedPrecondition while a run is going, or once stopping.
  Status start(const std::string& trigger, const std::string& actor) EXCLUDES(mutex_);
  SelftestProgress state() const EXCLUDES(mutex_);
  // Starts the thread that starts the daily run when dailyRunDue().
  void startDailyTimer() EXCLUDES(mutex_);
  // Ends the timer and waits for a run in flight.
  void stop() EXCLUDES(mutex_);

 private:
  void runOne(std::string trigger, std::string actor);
  void dailyLoop() EXCLUDES(mutex_);
  Status maybeStartDaily();

  store::Store& store_;
  const policy::SchoolId school_;
  const Clock& clock_;
  const SelftestListeners listeners_;
  const int daily_minute_;

  mutable Mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ GUARDED_BY(mutex_) = false;
  SelftestProgress progress_ GUARDED_BY(mutex_);
  std::thread run_thread_ GUARDED_BY(mutex_);
  std::thread timer_thread_;
  int64_t daily_tried_at_ = 0;  // the timer thread's: the last daily start it tried
};

}  // namespace esafety::control
