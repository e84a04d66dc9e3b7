#include "alerts/alert_notifier.h"

namespace esafety::alerts {

int64_t AlertNotifier::listen(Listener listener) {
  MutexLock lock(mutex_);
  const int64_t id = next_id_++;
  listeners_.emplace(id, std::move(listener));
  return id;
}

void AlertNotifier::stopListening(int64_t id) {
  MutexLock lock(mutex_);
  listeners_.erase(id);
}

void AlertNotifier::notify(const std::vector<int64_t>& alert_ids) {
  // The callbacks run with the mutex held, so that stopListening() cannot
  // return while one of them is running; they only post work elsewhere.
  MutexLock lock(mutex_);
  ++notices_;
  for (auto& [id, listener] : listeners_) listener(alert_ids);
}

uint64_t AlertNotifier::notices() const {
  MutexLock lock(mutex_);
  return notices_;
}

}  // namespace esafety::alerts
