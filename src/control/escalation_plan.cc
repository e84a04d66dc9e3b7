#include "control/escalation_plan.h"

namespace esafety::control {

std::optional<NextRung> nextRung(const Rota& rota, const alerts::WaitingAlert& alert, int64_t now,
                                 const LocalTime& local_now) {
  if (!alert.last_step) return NextRung{rota.kindAt(local_now), 0};
  const alerts::EscalationStep& last = *alert.last_step;
  if (last.outcome == alerts::EscalationStep::Outcome::kNobody) return std::nullopt;
  if (alert.level < kEscalationLevel) return std::nullopt;
  const RotaKind kind = last.rota == rotaKindName(RotaKind::kInHours) ? RotaKind::kInHours
                                                                       : RotaKind::kOutOfHours;
  const int next = last.rung + 1;
  if (next >= static_cast<int>(rota.rungs(kind).size())) return std::nullopt;
  if (now - last.at < int64_t{rota.ackMinutes(kind)} * 60) return std::nullopt;
  return NextRung{kind, next};
}

}  // namespace esafety::control
