// SqliteStore: monitoring alerts (alerts/alert_store.h): the engine's
// batches, triage with sealed notes, the rules and the cursor.
#include <fmt/format.h>

#include "core/text.h"
#include "records/sealer.h"
#include "store/sqlite/alert_rows.h"
#include "store/sqlite/sqlite_store.h"

namespace esafety::store {

using alerts::Alert;
using alerts::AlertState;
using alerts::Evidence;

const char* const kAlertColumns =
    "id, subject, user_id, user_name, device_id, device_name, client_ip, group_name, category,"
    " level, state, rule, why, first_seen_ms, last_seen_ms, evidence_count, created_at";

Result<Alert> readAlertRow(const sqlite::Statement& row) {
  Alert a;
  a.id = row.int64At(0);
  a.subject.user_id = row.int64At(2);
  a.subject.user_name = row.textAt(3);
  a.subject.device_id = row.int64At(4);
  a.subject.device_name = row.textAt(5);
  a.subject.client_ip = row.textAt(6);
  a.subject.group = row.textAt(7);
  a.category = row.textAt(8);
  a.level = static_cast<int>(row.int64At(9));
  auto state = alerts::parseAlertState(row.textAt(10));
  if (!state) return dataLoss(fmt::format("alert {} has the unknown state '{}'", a.id, row.textAt(10)));
  a.state = *state;
  a.rule = row.textAt(11);
  a.why = row.textAt(12);
  a.first_seen_ms = row.int64At(13);
  a.last_seen_ms = row.int64At(14);
  a.evidence_count = row.int64At(15);
  a.created_at = row.int64At(16);
  return a;
}

namespace {

constexpr int kMaxAlertRows = 10000;

std::string_view sourceName(Evidence::Source source) {
  return source == Evidence::Source::kInbox ? "inbox" : "event";
}

// Which actions an alert in `state` may take.
Status checkTransition(int64_t id, AlertState state, alerts::TriageAction action) {
  if (!alerts::isOpen(state)) {
    return failedPrecondition(
        fmt::format("alert {} is closed ({})", id, alerts::alertStateName(state)));
  }
  const bool acknowledging = action == alerts::TriageAction::kAcknowledge;
  if (acknowledging && state != AlertState::kOpen) {
    return failedPrecondition(fmt::format("alert {} is already acknowledged", id));
  }
  if (!acknowledging && state == AlertState::kOpen) {
    return failedPrecondition(fmt::format("acknowledge alert {} first", id));
  }
  return Status::ok();
}

}  // namespace

Result<alerts::AlertCursor> SqliteStore::alertCursor(SchoolId school) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "SELECT events_through, inbox_through FROM alert_cursors WHERE school_id = ?1");
  if (!st) return st.status();
  st->bind(1, school);
  auto rows = st->rows([](const sqlite::Statement& row) {
    return alerts::AlertCursor{row.int64At(0), row.int64At(1)};
  });
  if (!rows) return rows.status();
  return rows->empty() ? alerts::AlertCursor{} : rows->front();
}

// The engine's write, in its own transaction rather than mutate(): its
// actor is always the rules, and only the alerts it makes are audited (one
// row each, "alert.raise"); evidence added to an alert is the alert's own
// record, not a change to audit. Hits, alerts and the cursor commit together.
Result<int64_t> SqliteStore::applyAlertBatch(SchoolId school, const alerts::AlertBatch& batch) {
  MutexLock lock(mutex_);
  auto tx = sqlite::Transaction::begin(*db_, sqlite::Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  ESAFETY_RETURN_IF_ERROR(requireSchoolLocked(school));
  int64_t made = 0;
  OpenAlerts open;
  for (const alerts::Hit& hit : batch.hits) {
    auto fresh = applyHitLocked(school, hit, batch, open);
    if (!fresh) return fresh.status();
    if (*fresh != 0) {
      ++made;
      ESAFETY_RETURN_IF_ERROR(auditLocked(
          school, "rules", "alert.raise", fmt::format("alert {}", *fresh),
          fmt::format("level {} {} for {} ({})", hit.level, hit.category, hit.subject.key(),
                      hit.rule),
          ""));
    }
  }
  ESAFETY_RETURN_IF_ERROR(flushOpenLocked(open));
  auto st = db_->prepare(
      "INSERT INTO alert_cursors (school_id, events_through, inbox_through) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (school_id) DO UPDATE SET events_through = ?2, inbox_through = ?3");
  if (!st) return st.status();
  st->bind(1, school).bind(2, batch.cursor.events_through).bind(3, batch.cursor.inbox_through);
  ESAFETY_RETURN_IF_ERROR(st->run());
  ESAFETY_RETURN_IF_ERROR(tx->commit());
  return made;
}

Result<int64_t> SqliteStore::applyHitLocked(SchoolId school, const alerts::Hit& hit,
                                            const alerts::AlertBatch& batch, OpenAlerts& open) {
  const int64_t at = hit.evidence.time_ms;
  auto key = std::make_pair(hit.subject.key(), hit.category);
  auto cached = open.find(key);
  if (cached != open.end() && at - cached->second.last_seen > batch.episode_ms) {
    // Its episode ended within this batch: write what it took, look again.
    ESAFETY_RETURN_IF_ERROR(flushOpenLocked({{key, cached->second}}));
    open.erase(cached);
    cached = open.end();
  }
  if (cached == open.end()) {
    auto find = db_->prepare(
        "SELECT id, evidence_count, last_seen_ms, level FROM alerts WHERE school_id = ?1"
        " AND subject = ?2 AND category = ?3 AND last_seen_ms >= ?4"
        " AND state NOT IN ('false_positive', 'no_concern') ORDER BY last_seen_ms DESC LIMIT 1");
    if (!find) return find.status();
    find->bind(1, school).bind(2, key.first).bind(3, hit.category).bind(4, at - batch.episode_ms);
    auto found = find->rows([](const sqlite::Statement& row) {
      return OpenAlert{row.int64At(0), row.int64At(1), 0, row.int64At(2),
                       static_cast<int>(row.int64At(3))};
    });
    if (!found) return found.status();
    if (!found->empty()) cached = open.emplace(key, found->front()).first;
  }
  int64_t made = 0;
  if (cached != open.end()) {
    OpenAlert& a = cached->second;
    a.added += 1;
    a.last_seen = std::max(a.last_seen, at);
    a.level = std::max(a.level, hit.level);
  } else {
    auto insert = db_->prepare(
        "INSERT INTO alerts (school_id, subject, user_id, user_name, device_id, device_name,"
        " client_ip, group_name, category, level, rule, why, first_seen_ms, last_seen_ms,"
        " evidence_count, created_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, 1, ?14)");
    if (!insert) return insert.status();
    const alerts::Subject& s = hit.subject;
    insert->bind(1, school).bind(2, key.first).bind(3, s.user_id).bind(4, s.user_name);
    insert->bind(5, s.device_id).bind(6, s.device_name).bind(7, s.client_ip).bind(8, s.group);
    insert->bind(9, hit.category).bind(10, int64_t{hit.level}).bind(11, hit.rule);
    insert->bind(12, hit.evidence.why).bind(13, at).bind(14, clock_.nowUnix());
    ESAFETY_RETURN_IF_ERROR(insert->run());
    made = db_->lastInsertId();
    cached = open.emplace(key, OpenAlert{made, 0, 0, at, hit.level}).first;
  }
  OpenAlert& a = cached->second;
  if (a.kept < batch.evidence_cap) {
    auto evidence = db_->prepare(
        "INSERT OR IGNORE INTO alert_evidence (alert_id, source, source_id, event_id, time_ms,"
        " rule, why, school_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!evidence) return evidence.status();
    const Evidence& e = hit.evidence;
    evidence->bind(1, a.id).bind(2, sourceName(e.source)).bind(3, e.source_id);
    evidence->bind(4, e.event_id).bind(5, e.time_ms).bind(6, e.rule).bind(7, e.why);
    evidence->bind(8, school);
    ESAFETY_RETURN_IF_ERROR(evidence->run());
    a.kept += db_->changes();
  }
  return made;
}

Status SqliteStore::flushOpenLocked(const OpenAlerts& open) {
  auto update = db_->prepare(
      "UPDATE alerts SET last_seen_ms = max(last_seen_ms, ?2), level = max(level, ?3),"
      " evidence_count = evidence_count + ?4 WHERE id = ?1");
  if (!update) return update.status();
  for (const auto& [key, a] : open) {
    if (a.added == 0) continue;
    update->bind(1, a.id).bind(2, a.last_seen).bind(3, int64_t{a.level}).bind(4, a.added);
    ESAFETY_RETURN_IF_ERROR(update->run());
    update->reset();
  }
  return Status::ok();
}

Result<std::vector<alerts::TellTeacherPress>> SqliteStore::tellTeacherPressesAfter(
    SchoolId school, int64_t after_id, int limit) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "SELECT id, reference, client_ip, created_at FROM inbox_requests WHERE school_id = ?1"
      " AND kind = 'tell-teacher' AND id > ?2 ORDER BY id LIMIT ?3");
  if (!st) return st.status();
  st->bind(1, school).bind(2, after_id).bind(3, int64_t{limit});
  return st->rows([](const sqlite::Statement& row) {
    return alerts::TellTeacherPress{row.int64At(0), static_cast<uint64_t>(row.int64At(1)),
                                    row.textAt(2), row.int64At(3)};
  });
}

Result<std::vector<Alert>> SqliteStore::alerts(SchoolId school, const alerts::AlertFilter& f) {
  if (f.limit < 1 || f.limit > kMaxAlertRows) {
    return invalidArgument(fmt::format("limit must be 1..{}", kMaxAlertRows));
  }
  MutexLock lock(mutex_);
  std::string sql = fmt::format("SELECT {} FROM alerts WHERE school_id = ?1 AND level >= ?2",
                                kAlertColumns);
  if (!f.person.empty()) sql += " AND (user_name = ?3 OR device_name = ?3)";
  if (!f.group.empty()) sql += " AND group_name = ?4";
  if (!f.category.empty()) sql += " AND category = ?5";
  if (f.state) sql += " AND state = ?6";
  if (f.open_only) sql += " AND state NOT IN ('false_positive', 'no_concern')";
  if (f.since_ms) sql += " AND last_seen_ms >= ?7";
  if (!trim(f.class_name).empty()) {
    sql +=
        " AND (user_id IN (SELECT id FROM people WHERE school_id = ?1"
        " AND lower(trim(class_name)) = ?9) OR device_id IN (SELECT id FROM devices"
        " WHERE school_id = ?1 AND lower(trim(room)) = ?9))";
  }
  sql += " ORDER BY level DESC, last_seen_ms DESC LIMIT ?8";
  auto st = db_->prepare(sql);
  if (!st) return st.status();
  st->bind(1, school).bind(2, int64_t{f.min_level});
  if (!f.person.empty()) st->bind(3, f.person);
  if (!f.group.empty()) st->bind(4, f.group);
  if (!f.category.empty()) st->bind(5, f.category);
  if (f.state) st->bind(6, alerts::alertStateName(*f.state));
  if (f.since_ms) st->bind(7, *f.since_ms);
  if (!trim(f.class_name).empty()) st->bind(9, asciiLower(trim(f.class_name)));
  st->bind(8, int64_t{f.limit});
  return st->rows(readAlertRow);
}

Result<std::optional<Alert>> SqliteStore::readAlertLocked(SchoolId school, int64_t id) {
  auto st = db_->prepare(
      fmt::format("SELECT {} FROM alerts WHERE school_id = ?1 AND id = ?2", kAlertColumns));
  if (!st) return st.status();
  st->bind(1, school).bind(2, id);
  auto rows = st->rows(readAlertRow);
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<Alert>();
  return std::optional<Alert>(std::move(rows->front()));
}

Result<std::optional<alerts::AlertDetail>> SqliteStore::alert(SchoolId school, int64_t id) {
  MutexLock lock(mutex_);
  auto found = readAlertLocked(school, id);
  if (!found) return found.status();
  if (!found->has_value()) return std::optional<alerts::AlertDetail>();
  alerts::AlertDetail detail{.alert = std::move(**found)};
  auto ev = db_->prepare(
      "SELECT source, source_id, event_id, time_ms, rule, why FROM alert_evidence"
      " WHERE alert_id = ?1 ORDER BY time_ms, source_id");
  if (!ev) return ev.status();
  ev->bind(1, id);
  auto evidence = ev->rows([](const sqlite::Statement& row) {
    return Evidence{row.textAt(0) == "inbox" ? Evidence::Source::kInbox : Evidence::Source::kEvent,
                    row.int64At(1), row.int64At(2), row.int64At(3), row.textAt(4), row.textAt(5)};
  });
  if (!evidence) return evidence.status();
  detail.evidence = std::move(*evidence);
  auto ac = db_->prepare(
      "SELECT id, at, actor, action, note FROM alert_actions WHERE alert_id = ?1 ORDER BY id");
  if (!ac) return ac.status();
  ac->bind(1, id);
  auto actions = ac->rows([](const sqlite::Statement& row) -> Result<alerts::ActionRecord> {
    auto action = alerts::parseTriageAction(row.textAt(3));
    if (!action) return dataLoss(fmt::format("alert action {} is unknown", row.int64At(0)));
    return alerts::ActionRecord{row.int64At(0), row.int64At(1), row.textAt(2), *action,
                                row.blobAt(4)};
  });
  if (!actions) return actions.status();
  detail.actions = std::move(*actions);
  return std::optional<alerts::AlertDetail>(std::move(detail));
}

Result<AlertState> SqliteStore::triageAlert(SchoolId school, int64_t id,
                                            alerts::TriageAction action, std::string_view note,
                                            const records::Sealer& sealer,
                                            std::string_view actor) {
  if (note.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return invalidArgument("note: every action on an alert needs a note");
  }
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<Made<AlertState>> {
    auto found = readAlertLocked(school, id);
    if (!found) return found.status();
    if (!found->has_value()) return notFound(fmt::format("there is no alert {}", id));
    ESAFETY_RETURN_IF_ERROR(checkTransition(id, (*found)->state, action));
    const AlertState next = alerts::stateAfter(action);
    // The row first (for its id, the sealed note's associated data), then the note.
    auto insert = db_->prepare(
        "INSERT INTO alert_actions (school_id, alert_id, at, actor, action, note)"
        " VALUES (?1, ?2, ?3, ?4, ?5, x'')");
    if (!insert) return insert.status();
    insert->bind(1, school).bind(2, id).bind(3, clock_.nowUnix()).bind(4, actor);
    insert->bind(5, alerts::triageActionName(action));
    ESAFETY_RETURN_IF_ERROR(insert->run());
    const int64_t action_id = db_->lastInsertId();
    auto sealed = sealer.seal(note, fmt::format("alert-action {}", action_id));
    if (!sealed) return sealed.status();
    auto seal = db_->prepare("UPDATE alert_actions SET note = ?2 WHERE id = ?1");
    if (!seal) return seal.status();
    seal->bind(1, action_id).bindBlob(2, *sealed);
    ESAFETY_RETURN_IF_ERROR(seal->run());
    auto state = db_->prepare("UPDATE alerts SET state = ?2 WHERE id = ?1");
    if (!state) return state.status();
    state->bind(1, id).bind(2, alerts::alertStateName(next));
    ESAFETY_RETURN_IF_ERROR(state->run());
    return Made<AlertState>{
        next,
        {fmt::format("alert.{}", alerts::triageActionName(action)), fmt::format("alert {}", id),
         fmt::format("{} -> {}, with a sealed note", alerts::alertStateName((*found)->state),
                     alerts::alertStateName(next))}};
  });
}

Result<std::optional<alerts::RulesVersion>> SqliteStore::alertRules(SchoolId school) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "SELECT id, text, set_at, set_by, reason FROM alert_rules WHERE school_id = ?1"
      " ORDER BY id DESC LIMIT 1");
  if (!st) return st.status();
  st->bind(1, school);
  auto rows = st->rows([](const sqlite::Statement& row) {
    return alerts::RulesVersion{row.int64At(0), row.textAt(1), row.int64At(2), row.textAt(3),
                                row.textAt(4)};
  });
  if (!rows) return rows.status();
  if (rows->empty()) return std::optional<alerts::RulesVersion>();
  return std::optional<alerts::RulesVersion>(std::move(rows->front()));
}

Result<int64_t> SqliteStore::setAlertRules(SchoolId school, std::string_view text,
                                           std::string_view actor, std::string_view reason) {
  return mutate(school, actor, Reason::required(reason),
                [&]() REQUIRES(mutex_) -> Result<Made<int64_t>> {
    auto st = db_->prepare(
        "INSERT INTO alert_rules (school_id, text, set_at, set_by, reason)"
        " VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st) return st.status();
    st->bind(1, school).bind(2, text).bind(3, clock_.nowUnix()).bind(4, actor).bind(5, reason);
    ESAFETY_RETURN_IF_ERROR(st->run());
    const int64_t version = db_->lastInsertId();
    return Made<int64_t>{version,
                         {"alert_rules.set", fmt::format("alert rules version {}", version),
                          fmt::format("{} bytes", text.size())}};
  });
}

}  // namespace esafety::store
