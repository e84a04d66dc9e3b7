#include "control/selftest_runner.h"

#include <spdlog/spdlog.h>

namespace esafety::control {
namespace {

constexpr auto kDailyCheckEvery = std::chrono::seconds(20);

int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

bool dailyRunDue(const LocalTime& now, int64_t now_unix, int daily_minute, int64_t last_daily_start) {
  if (daily_minute < 0 || now.minuteOfDay() < daily_minute) return false;
  const int64_t today = daysFromCivil(now.year, now.month, now.day);
  if (last_daily_start == 0) return true;
  // The offset of local time from UTC now, applied to the last start.
  const int64_t local_seconds = today * 86400 + now.minuteOfDay() * 60 + now.second;
  const int64_t offset = local_seconds - now_unix;
  return floorDiv(last_daily_start + offset, 86400) != today;
}

SelftestRunner::SelftestRunner(store::Store& store, policy::SchoolId school, const Clock& clock,
                               SelftestListeners listeners, int daily_minute)
    : store_(store), school_(school), clock_(clock), listeners_(std::move(listeners)),
      daily_minute_(daily_minute) {}

SelftestRunner::~SelftestRunner() { stop(); }

Status SelftestRunner::start(const std::string& trigger, const std::string& actor) {
  MutexLock lock(mutex_);
  if (stopping_) return failedPrecondition("esafety is stopping");
  if (progress_.running) {
    return failedPrecondition(fmt::format("a self-test run ({}) is going; wait for it to finish",
                                          progress_.trigger));
  }
  if (run_thread_.joinable()) run_thread_.join();  // the last run, finished
  progress_.running = true;
  progress_.trigger = trigger;
  progress_.done = progress_.total = 0;
  run_thread_ = std::thread([this, trigger, actor] { runOne(trigger, actor); });
  return Status::ok();
}

void SelftestRunner::runOne(std::string trigger, std::string actor) {
  NetworkProber prober(listeners_);
  FilterSelftest selftest(store_, school_, clock_, prober);
  auto report = selftest.run(trigger, actor, [this](size_t done, size_t total) {
    MutexLock lock(mutex_);
    progress_.done = static_cast<int64_t>(done);
    progress_.total = static_cast<int64_t>(total);
  });
  MutexLock lock(mutex_);
  progress_.running = false;
  if (report) {
    progress_.last_run_id = report->run.id;
    progress_.last_error.clear();
    if (report->run.failures > 0) {
      spdlog::warn("filter self-test ({}): {} of {} checks failed", trigger, report->run.failures,
                   report->run.checks);
    } else {
      spdlog::info("filter self-test ({}): all {} checks passed", trigger, report->run.checks);
    }
  } else {
    progress_.last_error = report.status().message();
    spdlog::error("filter self-test ({}) could not run: {}", trigger, progress_.last_error);
  }
}

SelftestProgress SelftestRunner::state() const {
  MutexLock lock(mutex_);
  return progress_;
}

Status SelftestRunner::maybeStartDaily() {
  auto runs = store_.selftestRuns(school_, 50, false);
  if (!runs) return runs.status();
  int64_t last = daily_tried_at_;
  for (const store::SelftestRun& r : *runs) {
    if (r.trigger == "daily") {
      last = std::max(last, r.started_at);
      break;
    }
  }
  const int64_t now = clock_.nowUnix();
  if (!dailyRunDue(clock_.localNow(), now, daily_minute_, last)) return Status::ok();
  daily_tried_at_ = now;  // once a day, even if it cannot run (said in the log)
  return start("daily", "selftest");
}

void SelftestRunner::dailyLoop() {
  for (;;) {
    Status s = maybeStartDaily();
    if (!s.isOk()) spdlog::warn("the daily filter self-test did not start: {}", s.message());
    MutexLock lock(mutex_);
    mutex_.awaitFor(wake_, kDailyCheckEvery, [this]() REQUIRES(mutex_) { return stopping_; });
    if (stopping_) return;
  }
}

void SelftestRunner::startDailyTimer() {
  if (daily_minute_ < 0 || timer_thread_.joinable()) return;
  timer_thread_ = std::thread([this] { dailyLoop(); });
}

void SelftestRunner::stop() {
  std::thread run;
  {
    MutexLock lock(mutex_);
    stopping_ = true;
    run = std::move(run_thread_);
  }
  wake_.notify_all();
  if (timer_thread_.joinable()) timer_thread_.join();
  if (run.joinable()) run.join();
}

}  // namespace esafety::control
