// AlertEngine: turns the event stream into alerts (issue 14). It tails the
// event log after its cursor in small batches, runs the rules over each
// event (rule_evaluator.h), and hands the hits and the new cursor to the
// store in one transaction (alert_store.h), so after a crash every alert the
// stored events call for exists once: a batch is either stored with its
// cursor or read again.
//
// Rules come from the store (the newest version) or, until a school sets
// its own, defaultRulesText(). A new version that does not parse is logged
// and the rules in force keep running. The phrase limits of the school's
// groups (for score rules) are read with each rules load. Events from the
// filter self-test's devices (policy/selftest_device.h) meet no rule: the
// self-test raises its own alerts (store/selftest_store.h).
//
//   AlertEngine engine(*store, *store, feed, {.school = policy::kDefaultSchool});
//   engine.start();      // its own thread, a pass every `interval` when idle
//   ...
//   engine.stop();       // joins; what was read is stored or read again later
//
// What the windows of repeated-blocks rules hold is in memory: a restart
// starts them empty (an alert may then need `count` new blocks).
//
// Threads: start()/stop() from one controlling thread; runOnce() from one
// thread at a time (tests and benchmarks call it without start()).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <set>

#include "alerts/activity_notifier.h"
#include "alerts/alert_notifier.h"
#include "alerts/alert_store.h"
#include "alerts/event_feed.h"
#include "alerts/rule_evaluator.h"
#include "core/clock.h"
#include "core/periodic_worker.h"
#include "policy/policy_store.h"

namespace esafety::alerts {

struct AlertEngineOptions {
  SchoolId school = policy::kDefaultSchool;
  // With a clock, a "Tell a teacher" press whose blocked request is not in
  // the event log yet (the writer stores events in batches, the press is
  // stored at once) waits up to press_wait_s for it, so that the alert names
  // the pupil; after that, or without a clock, it names the address.
  const Clock* clock = nullptr;
  int64_t press_wait_s = 10;
  int batch = 500;  // events per pass (and per transaction)
  // Told after each pass that stored hits commits (alert_notifier.h): the
  // console pushes the new or changed alerts to open alerts pages.
  AlertNotifier* notifier = nullptr;
  // Told the school's events of each pass that read some, once it commits
  // (activity_notifier.h): the console pushes them to open class views.
  ActivityNotifier* activity = nullptr;
  std::chrono::milliseconds interval{200};
  // The school's own monitoring lists ([inspect] monitoring_lists), read
  // beside the built-in ones when the engine is made; "" = built-in only.
  std::string monitoring_lists = "";
};

struct PassResult {
  int64_t events_read = 0;
  int64_t presses_read = 0;
  int64_t hits = 0;
  int64_t new_alerts = 0;
};

class AlertEngine {
 public:
  AlertEngine(AlertStore& alerts, policy::PolicyStore& policy, EventFeed& feed,
              AlertEngineOptions options);
  ~AlertEngine();
  AlertEngine(const AlertEngine&) = delete;
  AlertEngine& operator=(const AlertEngine&) = delete;

  // One pass: loads new rules if there are any, reads one batch of events
  // and of "Tell a teacher" presses after the cursor, and stores the hits
  // with the new cursor. An error leaves the cursor where it was.
  Result<PassResult> runOnce();

  void start() { worker_.start(); }
  void stop() { worker_.stop(); }

  // The version of the rules in force (0: the defaults).
  int64_t rulesVersion() const { return rules_version_.load(); }

 private:
  Status loadRules();
  // The ids of the school's self-test devices (policy/selftest_device.h),
  // whose events no rule sees; read again at most every 2 s.
  Status loadSelftestDevices();
  // One pass for the worker: true when a full batch says more is waiting.
  Result<bool> workerPass();

  AlertStore& alerts_;
  policy::PolicyStore& policy_;
  EventFeed& feed_;
  AlertEngineOptions options_;
  std::unique_ptr<search::TermMatcher> matcher_;  // the built-in monitoring lists
  std::unique_ptr<RuleEvaluator> evaluator_;
  std::atomic<int64_t> rules_version_{-1};
  std::set<int64_t> selftest_devices_;  // the engine's thread only
  std::chrono::steady_clock::time_point selftest_devices_read_{};

  PeriodicWorker worker_;  // last: stopped before the rest goes
};

}  // namespace esafety::alerts
