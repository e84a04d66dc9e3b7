// EscalationStore: the store's part for reaching a person about an alert
// (issue 14): the school's rota text, the alerts still waiting for someone,
// and the steps taken (one per rung of the rota an alert went to).
// store::Store implements it (store/sqlite/sqlite_store_escalation.cc);
// control/alert_rota.h and control/alert_escalator.h use only this.
//
// The rules the implementation keeps:
//   - setAlertRota() keeps every version, audited ("alert_rota.set") with
//     its reason; a reason is required.
//   - recordEscalationSteps() writes the steps and one audit row each
//     ("alert.escalate", actor "esafety") in one transaction; a step for a
//     rung the alert already has is refused (kAlreadyExists) and nothing of
//     the call is written, so two notifiers cannot both take a rung.
//   - Times are the caller's (the notifier's clock), not the store's.
//
// Thread safety: as the implementation's (SqliteStore serialises calls).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "policy/model.h"

namespace esafety::alerts {

using policy::SchoolId;

// One rung an alert went to.
struct EscalationStep {
  enum class Outcome : uint8_t {
    kMailed,     // mailed to `addresses`
    kNoAddress,  // nobody at this rung has an email address: on to the next
    kNobody,     // no rung of the rota had an address (rung = the rota's length)
  };
  int64_t id = 0;
  int64_t alert_id = 0;
  int rung = 0;             // 0: the first mail
  std::string rota;         // "in_hours" or "out_of_hours"
  std::string target;       // "role:dsl", "person:chair@school.example"
  std::vector<std::string> addresses;
  Outcome outcome = Outcome::kMailed;
  int64_t mail_id = 0;      // the outbox mail; 0 when none
  int64_t at = 0;           // Unix seconds
};
std::string_view outcomeName(EscalationStep::Outcome outcome);  // "mailed", "no_address", "nobody"
std::optional<EscalationStep::Outcome> parseOutcome(std::string_view name);

// An open (not yet acknowledged) alert at or above a level, with the last
// step taken for it, if any.
struct WaitingAlert {
  int64_t alert_id = 0;
  int level = 1;
  int64_t created_at = 0;  // Unix seconds
  std::optional<EscalationStep> last_step;
};

// The rota text in force and who set it.
struct RotaVersion {
  int64_t version = 0;  // 0: the defaults
  std::string text;
  int64_t set_at = 0;
  std::string set_by;
  std::string reason;
};

class EscalationStore {
 public:
  virtual ~EscalationStore() = default;

  virtual Result<std::optional<RotaVersion>> alertRota(SchoolId school) = 0;
  // Stores a new version (the caller has checked it); returns its number.
  virtual Result<int64_t> setAlertRota(SchoolId school, std::string_view text,
                                       std::string_view actor, std::string_view reason) = 0;

  // Alerts in state "open" with level >= min_level, newest first (a new
  // alert is never kept waiting behind old ones nobody triaged), at most
  // `limit` (1..10000).
  virtual Result<std::vector<WaitingAlert>> alertsWaiting(SchoolId school, int min_level,
                                                          int limit) = 0;
  virtual Status recordEscalationSteps(SchoolId school,
                                       const std::vector<EscalationStep>& steps) = 0;
  // An alert's steps, by rung.
  virtual Result<std::vector<EscalationStep>> escalationSteps(SchoolId school,
                                                              int64_t alert_id) = 0;
};

// --- Inline, so that the store can use these without linking this area.

inline std::string_view outcomeName(EscalationStep::Outcome outcome) {
  switch (outcome) {
    case EscalationStep::Outcome::kMailed:
      return "mailed";
    case EscalationStep::Outcome::kNoAddress:
      return "no_address";
    case EscalationStep::Outcome::kNobody:
      return "nobody";
  }
  return "mailed";
}

inline std::optional<EscalationStep::Outcome> parseOutcome(std::string_view name) {
  if (name == "mailed") return EscalationStep::Outcome::kMailed;
  if (name == "no_address") return EscalationStep::Outcome::kNoAddress;
  if (name == "nobody") return EscalationStep::Outcome::kNobody;
  return std::nullopt;
}

}  // namespace esafety::alerts
