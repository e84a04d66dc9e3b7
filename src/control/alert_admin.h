// AlertAdmin: the DSL's alerts (issue 14), shared by `esafety alerts`
// (app/cmd_alerts.cc) and the console's Alerts routes
// (console/routes_alerts.cc), which only translate arguments and results.
//
//   - list(filter): alerts by level, then newest; filters by person, class
//     (filter group), category, state, level and age.
//   - show(id): who, when, the evidence events in order (read from the
//     event log) and why (rule, list, score), with the triage history and
//     its notes opened, and who was told (the escalation steps,
//     control/alert_escalator.h).
//   - triage(id, action, note, actor): acknowledge, then false_positive,
//     no_concern, monitor or incident. Every action needs a note, which the
//     store keeps sealed (records/sealer.h), and is audited.
//   - rules() / setRules(text, actor, reason): the rules text in force (the
//     defaults until a school sets its own); a text that does not parse is
//     refused with "rules: line N: reason" and the rules in force stay.
//
// Who may call it is the front door's business: the console lets only roles
// with Permission::kHandleAlerts (dsl, head) reach it; the CLI is the
// server's own operator.
//
// Thread safety: as the Store it borrows; make one per request or command.
// The Sealer is needed only by show() (to open notes) and triage().
//
//   AlertAdmin admin(store, kDefaultSchool, &sealer, &events);
//   auto open = admin.list({.open_only = true});
//   auto state = admin.triage(12, "acknowledge", "Looking into it", "dsl.login");
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "alerts/alert.h"
#include "control/data_dir.h"
#include "event_log/sqlite_event_store.h"
#include "policy/model.h"
#include "records/sealer.h"
#include "store/store.h"

namespace esafety::control {

struct AlertAction {
  alerts::ActionRecord record;
  std::string note;  // opened; "" with note_error set when it does not open
  std::string note_error;
};

struct AlertView {
  alerts::Alert alert;
  std::vector<alerts::Evidence> evidence;       // oldest first
  std::vector<events::StoredEvent> events;      // the evidence's events, in order
  std::vector<AlertAction> actions;             // oldest first
  std::vector<alerts::EscalationStep> escalations;  // the rota's rungs it went to, by rung
};

class AlertAdmin {
 public:
  // `sealer` and `events` may be null: then notes are not opened and events
  // not read (the list needs neither).
  AlertAdmin(store::Store& store, policy::SchoolId school, const records::Sealer* sealer,
             events::SqliteEventStore* events)
      : store_(store), school_(school), sealer_(sealer), events_(events) {}

  Result<std::vector<alerts::Alert>> list(const alerts::AlertFilter& filter);
  // kNotFound for no such alert.
  Result<AlertView> show(int64_t id);
  // `action` by name ("acknowledge", "false-positive", "no-concern", "monitor",
  // "incident"); kInvalidArgument "action: ..." or "note: ...".
  Result<alerts::AlertState> triage(int64_t id, std::string_view action, std::string_view note,
                                    std::string_view actor);

  // The rules in force: version 0 with the default text until one is set.
  Result<alerts::RulesVersion> rules();
  // Parses `text` first; stores it as a new version only when it parses.
  Result<int64_t> setRules(std::string_view text, std::string_view actor, std::string_view reason);

 private:
  store::Store& store_;
  policy::SchoolId school_;
  const records::Sealer* sealer_;
  events::SqliteEventStore* events_;
};

// Opens the installation's sealer (records/sealer.h) for `dir`'s store: the
// key file <data>/records.key, made on first use.
Result<std::unique_ptr<records::Sealer>> openRecordsSealer(const DataDir& dir, store::Store& store);

}  // namespace esafety::control
