// AlertWatch: which alerts are new or changed since it last looked, for
// pushing them to open alerts pages (issue 14; serve/alert_streams.h). It is
// asked when the engine or a triage says something changed
// (alerts/alert_notifier.h), once for every open page together: one query
// per notice, never one per page and never on a timer.
//
//   AlertWatch watch(store, school, clock);
//   watch.prime();                        // what is there now is not news
//   auto news = watch.changes({});        // after the engine's notice
//   auto news = watch.changes({12});      // after alert 12 was triaged
//
// What it compares: each alert last seen within `window` of now (an alert
// the engine adds evidence to is last seen about now), by its level, state
// and evidence count; alerts named by id are read and reported whatever
// their age. It remembers only the alerts in the window.
//
// Thread safety: one thread (the console's); the store as its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "alerts/alert.h"
#include "alerts/alert_store.h"
#include "core/clock.h"
#include "core/status.h"

namespace esafety::control {

class AlertWatch {
 public:
  AlertWatch(alerts::AlertStore& store, alerts::SchoolId school, const Clock& clock,
             std::chrono::minutes window = std::chrono::minutes(60))
      : store_(store), school_(school), clock_(clock), window_(window) {}

  // Remembers the alerts in the window without reporting them.
  Status prime();
  // New alerts, and known ones whose level, state or evidence count moved,
  // plus those in `ids` (triaged); newest last. Each alert once.
  Result<std::vector<alerts::Alert>> changes(const std::vector<int64_t>& ids);

 private:
  struct Seen {
    int level = 0;
    alerts::AlertState state = alerts::AlertState::kOpen;
    int64_t evidence_count = 0;
    int64_t last_seen_ms = 0;
  };
  Result<std::vector<alerts::Alert>> recent();
  // True when `a` is not what was remembered; remembers it.
  bool remember(const alerts::Alert& a);

  alerts::AlertStore& store_;
  alerts::SchoolId school_;
  const Clock& clock_;
  std::chrono::minutes window_;
  std::unordered_map<int64_t, Seen> seen_;
};

}  // namespace esafety::control
