// Alerts: what the rule engine (alert_engine.h) raises for the DSL out of
// the event stream (issue 14), and what triage does to them. Plain values.
//
// An alert is one person's (or device's, or address's) episode in one
// category: events that match within the episode window of an open alert go
// to it as evidence rather than making another alert.
//
// States: open -> acknowledged -> monitor | incident | false_positive |
// no_concern. The last two close the alert; monitor and incident keep it
// open (incident until issue 15's records take it over).
//
// Header-only, so the store can read and write alerts without linking the
// rule engine (as identity/role.h is for roles).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <array>

#include <fmt/format.h>

namespace esafety::alerts {

enum class AlertState : uint8_t {
  kOpen,
  kAcknowledged,
  kMonitor,
  kIncident,
  kFalsePositive,
  kNoConcern,
};
std::string_view alertStateName(AlertState state);  // "open", "false_positive", ...
std::optional<AlertState> parseAlertState(std::string_view name);
// False for the states that close an alert (false positive, no concern).
bool isOpen(AlertState state);

// What a DSL does to an alert; each needs a note.
enum class TriageAction : uint8_t {
  kAcknowledge,
  kFalsePositive,
  kNoConcern,  // "no concern, note made"
  kMonitor,
  kIncident,  // "open an incident"
};
std::string_view triageActionName(TriageAction action);  // "acknowledge", "no_concern", ...
// Also takes "false-positive", "no-concern".
std::optional<TriageAction> parseTriageAction(std::string_view name);
// The state an action leaves the alert in.
AlertState stateAfter(TriageAction action);

// Who an alert is about, as the event named them.
struct Subject {
  int64_t user_id = 0;  // 0: nobody signed in
  std::string user_name;
  int64_t device_id = 0;  // 0: unknown device
  std::string device_name;
  std::string client_ip;
  std::string group;
  // The grouping key: "user 12", else "device 4", else "address 10.0.0.7".
  std::string key() const;
};

struct Alert {
  int64_t id = 0;
  Subject subject;
  std::string category;  // "self-harm", "circumvention", "tell-teacher", ...
  int level = 1;         // 1..5; 5 is immediate risk to a child
  AlertState state = AlertState::kOpen;
  std::string rule;  // the rule that raised it
  std::string why;   // the first evidence's reason
  int64_t first_seen_ms = 0;
  int64_t last_seen_ms = 0;
  int64_t evidence_count = 0;  // every matching event, kept or not
  int64_t created_at = 0;      // Unix seconds
};

// One piece of evidence kept for an alert.
struct Evidence {
  enum class Source : uint8_t { kEvent, kInbox };
  Source source = Source::kEvent;
  int64_t source_id = 0;  // events.db id, or inbox request id
  int64_t event_id = 0;   // events.db id (0 when unknown)
  int64_t time_ms = 0;
  std::string rule;
  std::string why;
};

// One triage action; the note is sealed in the store and opened by the
// service (control/alert_admin.h) for those who may read it.
struct ActionRecord {
  int64_t id = 0;
  int64_t at = 0;  // Unix seconds
  std::string actor;
  TriageAction action = TriageAction::kAcknowledge;
  std::string sealed_note;
};

struct AlertDetail {
  Alert alert;
  std::vector<Evidence> evidence;  // oldest first
  std::vector<ActionRecord> actions;  // oldest first
};

// Filters for listing; unset fields match all.
struct AlertFilter {
  std::string person;  // user or device name, exact
  std::string group;   // the filter group (KS1, KS2, Staff), exact
  // A registration class ("Oak"): alerts of its pupils (people.class_name)
  // or of devices in the room of that name, case and edge spaces aside.
  std::string class_name;
  std::string category;
  std::optional<AlertState> state;
  bool open_only = false;  // states that are not closed
  int min_level = 1;
  std::optional<int64_t> since_ms;  // last seen at or after
  int limit = 200;                  // 1..10000
};

// The rules text in force and who set it.
struct RulesVersion {
  int64_t version = 0;
  std::string text;
  int64_t set_at = 0;
  std::string set_by;
  std::string reason;
};

// How far the engine has read.
struct AlertCursor {
  int64_t events_through = 0;  // events.db id
  int64_t inbox_through = 0;   // inbox request id
};

// A "Tell a teacher" press waiting for the engine.
struct TellTeacherPress {
  int64_t inbox_id = 0;
  uint64_t reference = 0;  // the blocked request's event reference
  std::string client_ip;
  int64_t created_at = 0;  // Unix seconds
};

// What one rule made of one event: evidence for an alert of this subject
// and category.
struct Hit {
  Subject subject;
  std::string category;
  int level = 1;
  std::string rule;
  Evidence evidence;
};

// One pass of the engine: hits in order, and the cursor after them.
struct AlertBatch {
  std::vector<Hit> hits;
  AlertCursor cursor;
  int64_t episode_ms = 30 * 60 * 1000;  // an open alert this recent takes the hit
  int64_t evidence_cap = 50;            // evidence rows kept per alert
};

// --- Inline, so that the store can use these without linking this area.

namespace alert_detail {
constexpr std::array<std::string_view, 6> kStateNames = {
    "open", "acknowledged", "monitor", "incident", "false_positive", "no_concern"};
constexpr std::array<std::string_view, 5> kActionNames = {
    "acknowledge", "false_positive", "no_concern", "monitor", "incident"};

inline std::string underscored(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (c == '-') c = '_';
  }
  return out;
}
}  // namespace alert_detail

inline std::string_view alertStateName(AlertState state) {
  return alert_detail::kStateNames[static_cast<size_t>(state)];
}

inline std::optional<AlertState> parseAlertState(std::string_view name) {
  const std::string wanted = alert_detail::underscored(name);
  for (size_t i = 0; i < alert_detail::kStateNames.size(); ++i) {
    if (alert_detail::kStateNames[i] == wanted) return static_cast<AlertState>(i);
  }
  return std::nullopt;
}

inline bool isOpen(AlertState state) {
  return state != AlertState::kFalsePositive && state != AlertState::kNoConcern;
}

inline std::string_view triageActionName(TriageAction action) {
  return alert_detail::kActionNames[static_cast<size_t>(action)];
}

inline std::optional<TriageAction> parseTriageAction(std::string_view name) {
  const std::string wanted = alert_detail::underscored(name);
  for (size_t i = 0; i < alert_detail::kActionNames.size(); ++i) {
    if (alert_detail::kActionNames[i] == wanted) return static_cast<TriageAction>(i);
  }
  return std::nullopt;
}

inline AlertState stateAfter(TriageAction action) {
  switch (action) {
    case TriageAction::kAcknowledge:
      return AlertState::kAcknowledged;
    case TriageAction::kFalsePositive:
      return AlertState::kFalsePositive;
    case TriageAction::kNoConcern:
      return AlertState::kNoConcern;
    case TriageAction::kMonitor:
      return AlertState::kMonitor;
    case TriageAction::kIncident:
      return AlertState::kIncident;
  }
  return AlertState::kOpen;
}

inline std::string Subject::key() const {
  if (user_id != 0) return fmt::format("user {}", user_id);
  if (device_id != 0) return fmt::format("device {}", device_id);
  return fmt::format("address {}", client_ip);
}

}  // namespace esafety::alerts
