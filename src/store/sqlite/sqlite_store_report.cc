// SqliteStore: what a report reads by date range (control/school_report.h):
// the audit trail streamed row by row, and the alerts raised in the range
// with their first triage action and their escalation.
#include <fmt/format.h>

#include "store/sqlite/alert_rows.h"
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
  auto st = db_->prepare(fmt::format(
      "SELECT {},"
      " (SELECT min(at) FROM alert_actions WHERE alert_id = alerts.id),"
      " (SELECT count(*) FROM alert_escalations WHERE alert_id = alerts.id),"
      " (SELECT max(rung) FROM alert_escalations WHERE alert_id = alerts.id)"
      " FROM alerts WHERE school_id = ?1 AND created_at >= ?2 AND created_at < ?3"
      " ORDER BY created_at, id",
      kAlertColumns));
  if (!st) return st.status();
  st->bind(1, school).bind(2, from).bind(3, to);
  return st->rows([](const sqlite::Statement& r) -> Result<ReportAlert> {
    auto alert = readAlertRow(r);
    if (!alert) return alert.status();
    ReportAlert out{.alert = std::move(*alert)};
    out.first_action_at = r.int64At(17);  // NULL reads as 0
    out.escalation_steps = r.int64At(18);
    out.highest_rung = out.escalation_steps == 0 ? -1 : static_cast<int>(r.int64At(19));
    return out;
  });
}

}  // namespace esafety::store
