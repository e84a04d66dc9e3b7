// SqliteStore: what a report reads by date range (control/school_report.h):
// the audit trail streamed row by row, and the alerts raised in the range
// with their first triage action and their escalation.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"

namespace esafety::store {

Status SqliteStore::forEachAuditBetween(SchoolId school, int64_t from, int64_t to,
                                        const std::function<void(const AuditEntry&)>& fn) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "SELECT id, school_id, at, actor, action, target, detail, reason FROM audit_log"
      " WHERE school_id = ?1 AND at >= ?2 AND at < ?3 ORDER BY id");
  if (!st) return st.status();
  st->bind(1, school).bind(2, from).bind(3, to);
  for (;;) {
    auto row = st->step();
    if (!row) return row.status();
    if (!*row) return Status::ok();
    fn(AuditEntry{st->int64At(0), st->int64At(1), st->int64At(2), st->textAt(3), st->textAt(4),
                  st->textAt(5), st->textAt(6), st->textAt(7)});
  }
}

Result<std::vector<ReportAlert>> SqliteStore::alertsCreatedBetween(SchoolId school, int64_t from,
                                                                   int64_t to) {
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "SELECT a.id, a.user_name, a.device_name, a.client_ip, a.group_name, a.category, a.level,"
      " a.state, a.rule, a.first_seen_ms, a.last_seen_ms, a.evidence_count, a.created_at,"
      " (SELECT min(at) FROM alert_actions WHERE alert_id = a.id),"
      " (SELECT count(*) FROM alert_escalations WHERE alert_id = a.id),"
      " (SELECT max(rung) FROM alert_escalations WHERE alert_id = a.id)"
      " FROM alerts a WHERE a.school_id = ?1 AND a.created_at >= ?2 AND a.created_at < ?3"
      " ORDER BY a.created_at, a.id");
  if (!st) return st.status();
  st->bind(1, school).bind(2, from).bind(3, to);
  return st->rows([](const sqlite::Statement& r) -> Result<ReportAlert> {
    ReportAlert out;
    alerts::Alert& a = out.alert;
    a.id = r.int64At(0);
    a.subject.user_name = r.textAt(1);
    a.subject.device_name = r.textAt(2);
    a.subject.client_ip = r.textAt(3);
    a.subject.group = r.textAt(4);
    a.category = r.textAt(5);
    a.level = static_cast<int>(r.int64At(6));
    auto state = alerts::parseAlertState(r.textAt(7));
    if (!state) return dataLoss(fmt::format("alert {} has the unknown state '{}'", a.id, r.textAt(7)));
    a.state = *state;
    a.rule = r.textAt(8);
    a.first_seen_ms = r.int64At(9);
    a.last_seen_ms = r.int64At(10);
    a.evidence_count = r.int64At(11);
    a.created_at = r.int64At(12);
    out.first_action_at = r.int64At(13);  // NULL reads as 0
    out.escalation_steps = r.int64At(14);
    out.highest_rung = out.escalation_steps == 0 ? -1 : static_cast<int>(r.int64At(15));
    return out;
  });
}

}  // namespace esafety::store
