// AlertEscalator: tells a person about an alert, and escalates it (issue 14,
// "Reaching a person"). Each pass reads the rota in force (alert_rota.h)
// and the open alerts at or above its mail level with the last step taken
// for each (alerts/escalation_store.h), and asks escalation_plan.h which
// rung each goes to now:
//
//   - a new alert mails rung 0 of the rota for the time it was seen (in or
//     out of school hours);
//   - a level-4 or level-5 alert nobody has acknowledged in the rota's ack
//     minutes mails the next rung, and so on up the rota;
//   - a rung where nobody has an email address is recorded (no_address)
//     and the next rung is tried at once; a rota where nobody at all has an
//     address is recorded ("nobody") and logged as an error.
//
// Each mail goes through MailAdmin::queueAlertMail (the outbox: retried
// until the relay takes it) with the dedupe key "alert:<id>:rung:<n>", and
// the steps are then stored with an audit row each. All state is in the
// store: a restart (or a crash between the mail and its step) neither mails
// a rung twice nor skips one. The mail says only the level and links to
// the console (alert_mail.h).
//
// Times come from `clock`: tests move it (FakeClock; `esafety serve
// --test-clock`) to make an alert overdue.
//
//   AlertEscalator escalator(*store, clock, {.school = kDefaultSchool});
//   escalator.start();   // its own thread, a pass every `interval`
//   ...
//   escalator.stop();    // joins
//
// Threads: start()/stop() from one controlling thread; runOnce() from one
// thread at a time (tests call it without start()).
#pragma once

#include <chrono>
#include <cstdint>

#include "core/clock.h"
#include "core/periodic_worker.h"
#include "store/store.h"

namespace esafety::control {

struct AlertEscalatorOptions {
  policy::SchoolId school = policy::kDefaultSchool;
  std::chrono::milliseconds interval{5000};
  // Open alerts looked at per pass, newest first: past this many untriaged
  // alerts, the oldest stop climbing (and a warning is logged).
  int batch = 5000;
};

struct NotifyPass {
  int64_t mailed = 0;      // rungs mailed this pass
  int64_t no_address = 0;  // rungs skipped for want of an address
  int64_t nobody = 0;      // alerts that reached nobody at all
};

class AlertEscalator {
 public:
  AlertEscalator(store::Store& store, const Clock& clock, AlertEscalatorOptions options);
  ~AlertEscalator() { stop(); }
  AlertEscalator(const AlertEscalator&) = delete;
  AlertEscalator& operator=(const AlertEscalator&) = delete;

  Result<NotifyPass> runOnce();

  void start() { worker_.start(); }
  void stop() { worker_.stop(); }

 private:
  Result<bool> workerPass();

  store::Store& store_;
  const Clock& clock_;
  AlertEscalatorOptions options_;

  PeriodicWorker worker_;  // last: stopped before the rest goes
};

}  // namespace esafety::control
