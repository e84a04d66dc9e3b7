// PeriodicWorker: one background thread that runs a pass, then waits an
// interval before the next, until stopped. The alert engine and the alert
// escalator in `esafety serve` are each one of these around their runOnce().
//
// A pass returns true when more work is waiting (a full batch): the next
// pass then starts at once instead of after the interval. A pass that fails
// is logged ("<what> could not run: <message>") once until its message
// changes or a pass succeeds (a busy database is not logged every 200 ms),
// and tried again after the interval.
//
//   PeriodicWorker worker("alert rules", std::chrono::milliseconds(200),
//                         [this]() -> Result<bool> { ... });
//   worker.start();
//   ...
//   worker.stop();   // waits for a pass in flight, then joins
//
// Threads: start() and stop() from one controlling thread; the destructor
// stops. The pass runs on the worker's thread only.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <string>
#include <thread>

#include "core/mutex.h"
#include "core/status.h"
#include "core/thread_annotations.h"

namespace esafety {

class PeriodicWorker {
 public:
  using Pass = std::function<Result<bool>()>;  // true: more is waiting, go again at once

  PeriodicWorker(std::string what, std::chrono::milliseconds interval, Pass pass)
      : what_(std::move(what)), interval_(interval), pass_(std::move(pass)) {}
  ~PeriodicWorker() { stop(); }
  PeriodicWorker(const PeriodicWorker&) = delete;
  PeriodicWorker& operator=(const PeriodicWorker&) = delete;

  void start() EXCLUDES(mutex_);
  void stop() EXCLUDES(mutex_);

 private:
  void loop() EXCLUDES(mutex_);

  const std::string what_;
  const std::chrono::milliseconds interval_;
  const Pass pass_;
  Mutex mutex_;
  std::condition_variable wake_;
  bool stop_requested_ GUARDED_BY(mutex_) = false;
  std::thread thread_;
};

}  // namespace esafety
