// The escalation rule, as a pure function (issue 14, "Reaching a person"):
// given the rota, an open alert and the last step taken for it, which rung
// it goes to now, if any. control/alert_escalator.h takes the step.
//
//   - No step yet: rung 0 of the rota in force now (in or out of school
//     hours, the school's local time), at once.
//   - Otherwise only alerts of level 4 or 5 (rota.h kEscalationLevel) go on, and
//     only on the rota of their first step, to the next rung, once the last
//     step is older than that rota's ack minutes. Past the last rung, or
//     after "nobody", nothing more.
//
// Acknowledging an alert takes it out of the waiting list (the store lists
// only alerts in state "open"), which is what stops it.
//
//   auto next = nextRung(rota, waiting, clock.nowUnix(), clock.localNow());
//   if (next) ... mail rota.rungs(next->kind)[next->rung]
#pragma once

#include <optional>

#include "alerts/escalation_store.h"
#include "control/rota.h"
#include "core/clock.h"

namespace esafety::control {

struct NextRung {
  RotaKind kind = RotaKind::kInHours;
  int rung = 0;
  bool operator==(const NextRung&) const = default;
};

std::optional<NextRung> nextRung(const Rota& rota, const alerts::WaitingAlert& alert, int64_t now,
                                 const LocalTime& local_now);

}  // namespace esafety::control
