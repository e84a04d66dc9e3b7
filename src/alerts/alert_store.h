// AlertStore: the alerts' part of the store (as policy/policy_store.h is the
// policy's). store::Store implements it (store/sqlite/sqlite_store_alerts.cc);
// the rule engine and control/alert_admin.h use only this.
//
// The rules the implementation keeps:
//   - applyAlertBatch() writes every hit's alert and evidence and the new
//     cursor in one transaction: after a crash the batch is either all there
//     or not at all, and the engine reads it again from the old cursor.
//   - A hit goes to the newest alert of its subject and category that is not
//     closed and was last seen within the batch's episode window; otherwise
//     it makes a new alert (audited as "alert.raise" by "rules"). The alert's
//     level becomes the highest of its hits. Evidence past the cap is counted,
//     not kept.
//   - triageAlert() goes through the audited one-transaction write (mutate):
//     the action, its sealed note and the new state, with an audit row.
//   - setAlertRules() keeps every version, audited with its reason.
//
// Thread safety: as the implementation's (SqliteStore serialises calls).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "alerts/alert.h"
#include "core/status.h"
#include "policy/model.h"

namespace esafety::records {
class Sealer;
}

namespace esafety::alerts {

using policy::SchoolId;

class AlertStore {
 public:
  virtual ~AlertStore() = default;

  virtual Result<AlertCursor> alertCursor(SchoolId school) = 0;
  // Returns how many new alerts the batch made.
  virtual Result<int64_t> applyAlertBatch(SchoolId school, const AlertBatch& batch) = 0;
  // "Tell a teacher" presses with inbox id > after_id, oldest first.
  virtual Result<std::vector<TellTeacherPress>> tellTeacherPressesAfter(SchoolId school,
                                                                        int64_t after_id,
                                                                        int limit) = 0;

  virtual Result<std::vector<Alert>> alerts(SchoolId school, const AlertFilter& filter) = 0;
  virtual Result<std::optional<AlertDetail>> alert(SchoolId school, int64_t id) = 0;
  // Records `action` with `note` sealed by `sealer` (associated data
  // "alert-action <id>"), moves the state, and audits it.
  // kNotFound for no such alert; kFailedPrecondition for an action the
  // alert's state does not allow (a closed alert; not yet acknowledged).
  virtual Result<AlertState> triageAlert(SchoolId school, int64_t id, TriageAction action,
                                         std::string_view note, const records::Sealer& sealer,
                                         std::string_view actor) = 0;

  virtual Result<std::optional<RulesVersion>> alertRules(SchoolId school) = 0;
  // Stores a new version (the caller has parsed it); returns its number.
  virtual Result<int64_t> setAlertRules(SchoolId school, std::string_view text,
                                        std::string_view actor, std::string_view reason) = 0;
};

}  // namespace esafety::alerts
