#include "core/periodic_worker.h"

#include <spdlog/spdlog.h>

namespace esafety {

void PeriodicWorker::start() {
  {
    MutexLock lock(mutex_);
    stop_requested_ = false;
  }
  thread_ = std::thread([this] { loop(); });
}

void PeriodicWorker::stop() {
  {
    MutexLock lock(mutex_);
    stop_requested_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PeriodicWorker::loop() {
  std::string last_error;
  for (;;) {
    Result<bool> pass = pass_();
    if (!pass && pass.status().message() != last_error) {
      spdlog::error("{} could not run: {}", what_, pass.status().message());
      last_error = pass.status().message();
    } else if (pass) {
      last_error.clear();
    }
    const bool more = pass && *pass;
    MutexLock lock(mutex_);
    if (stop_requested_) return;
    if (!more) {
      mutex_.awaitFor(wake_, interval_, [this]() REQUIRES(mutex_) { return stop_requested_; });
      if (stop_requested_) return;
    }
  }
}

}  // namespace esafety
