// Rota: who an alert reaches, in which order, and when (issue 14,
// "Reaching a person"). Plain values and pure functions; the store keeps a
// rota as the text formatRota() writes (alert_rota.h changes it).
//
// The policy's order is the default: the designated safeguarding lead, then
// the deputy DSL, then the headteacher, then the chair of governors. A rung
// is a role (every active member of staff with that role and an email; a
// staff role of identity/role.h) or a named person (by login). Esafety has
// no "chair of governors" role: the default's last rung is every governor;
// a school names its chair with person:<login>.
//
//   in_hours     = role:dsl, role:deputy_dsl, role:head, role:governor
//   out_of_hours = role:dsl, role:deputy_dsl, role:head, role:governor
//   days         = Mon-Fri                (or "Mon,Tue,Thu")
//   hours        = 08:00-16:30            (the school's local time)
//   ack_minutes_in_hours     = 15         (1..1440)
//   ack_minutes_out_of_hours = 30         (1..1440)
//   mail_level   = 3                      (the lowest level mailed at once, 1..5)
//   teachers_see_own_class = no           (yes: a teacher sees the alerts of
//                                          their own class, read only; class_alerts.h)
//
// An alert at or above mail_level mails the first rung; one of level 4 or 5
// (kEscalationLevel) that nobody acknowledges within the ack minutes goes
// to the next rung, and on up (escalation_plan.h decides each step).
//
// Errors name the field: "hours: '8-16' is not HH:MM-HH:MM".
//
//   auto rota = parseRota(stored_text);            // defaults for keys not given
//   Status s = applyRotaField(*rota, "mail_level", "4");
//   bool open = rota->hours.contains(clock.localNow());
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace esafety::control {

// Alerts at this level or above escalate when not acknowledged in time.
inline constexpr int kEscalationLevel = 4;

struct RotaEntry {
  enum class Kind : uint8_t { kRole, kPerson };
  Kind kind = Kind::kRole;
  std::string name;  // a role name ("deputy_dsl") or a person's login

  std::string text() const;  // "role:dsl", "person:chair@school.example"
  bool operator==(const RotaEntry&) const = default;
};

struct SchoolHours {
  std::array<bool, 7> days = {true, true, true, true, true, false, false};  // Mon..Sun
  int start_minute = 8 * 60;        // 08:00
  int end_minute = 16 * 60 + 30;    // 16:30, not included
  bool contains(const LocalTime& t) const;
  std::string daysText() const;   // "Mon-Fri", "Mon,Wed", "none"
  std::string hoursText() const;  // "08:00-16:30"
  bool operator==(const SchoolHours&) const = default;
};

enum class RotaKind : uint8_t { kInHours, kOutOfHours };
std::string_view rotaKindName(RotaKind kind);  // "in_hours", "out_of_hours"

struct Rota {
  std::vector<RotaEntry> in_hours = defaultOrder();
  std::vector<RotaEntry> out_of_hours = defaultOrder();
  SchoolHours hours;
  int ack_minutes_in_hours = 15;
  int ack_minutes_out_of_hours = 30;
  int mail_level = 3;
  // The policy's "a teacher sees alerts for their own class only when the
  // school turns that on": off until the DSL says yes.
  bool teachers_see_own_class = false;

  const std::vector<RotaEntry>& rungs(RotaKind kind) const {
    return kind == RotaKind::kInHours ? in_hours : out_of_hours;
  }
  int ackMinutes(RotaKind kind) const {
    return kind == RotaKind::kInHours ? ack_minutes_in_hours : ack_minutes_out_of_hours;
  }
  RotaKind kindAt(const LocalTime& t) const {
    return hours.contains(t) ? RotaKind::kInHours : RotaKind::kOutOfHours;
  }
  // DSL, deputy DSL, head, governors.
  static std::vector<RotaEntry> defaultOrder();
  bool operator==(const Rota&) const = default;
};

// The keys, in the order formatRota() writes them.
inline constexpr std::array<std::string_view, 8> kRotaFields = {
    "in_hours",   "out_of_hours",         "days",
    "hours",      "ack_minutes_in_hours", "ack_minutes_out_of_hours",
    "mail_level", "teachers_see_own_class"};

// Sets one field from its text. kInvalidArgument "<field>: ..." for an
// unknown field or a value it does not take (a rota list must name at
// least one rung, at most 10, each a known staff role or a login).
Status applyRotaField(Rota& rota, std::string_view field, std::string_view value);
// The text of one field as applyRotaField() reads it.
std::string rotaFieldText(const Rota& rota, std::string_view field);
// "key = value" lines; '#' comments and blank lines are skipped; keys not
// given keep the defaults. Errors as applyRotaField's, with "line N: ".
Result<Rota> parseRota(std::string_view text);
std::string formatRota(const Rota& rota);

}  // namespace esafety::control
