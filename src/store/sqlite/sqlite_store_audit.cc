// SqliteStore: the audit trail. auditLocked() writes the row of every change,
// from mutate(), inside the change's own transaction; appendAudit() is for
// callers recording events the store does not see.
#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"
#include "store/validation.h"

namespace esafety::store {

inline constexpr int kMaxAuditRows = 10000;

Status SqliteStore::auditLocked(SchoolId school, std::string_view actor, std::string_view action,
                                std::string_view target, std::string_view detail,
                                std::string_view reason) {
  auto st = db_->prepare(
      "INSERT INTO audit_log (school_id, at, actor, action, target, detail, reason)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!st) return st.status();
  st->bind(1, school).bind(2, clock_.nowUnix()).bind(3, actor).bind(4, action);
  st->bind(5, target).bind(6, detail).bind(7, reason);
  return st->run();
}

Status SqliteStore::appendAudit(SchoolId school, std::string_view actor, std::string_view action,
                                std::string_view target, std::string_view detail,
                                std::string_view reason) {
  if (action.empty()) return invalidArgument("an audit action is required");
  if (action.size() > kMaxNameLength) return invalidArgument("audit action is too long");
  if (target.size() > kMaxTextLength || detail.size() > kMaxTextLength ||
      reason.size() > kMaxTextLength) {
    return invalidArgument("audit text is too long");
  }
  return mutate(school, actor, Reason::optional(reason),
                [&]() REQUIRES(mutex_) -> Result<AuditNote> {
                  return AuditNote{std::string(action), std::string(target), std::string(detail)};
                });
}

Result<std::vector<AuditEntry>> SqliteStore::audit(SchoolId school, int limit) {
  if (limit < 1 || limit > kMaxAuditRows) {
    return invalidArgument(fmt::format("audit limit must be 1..{}", kMaxAuditRows));
  }
  MutexLock lock(mutex_);
  auto st = db_->prepare(
      "SELECT id, school_id, at, actor, action, target, detail, reason FROM audit_log"
      " WHERE school_id = ?1 ORDER BY id DESC LIMIT ?2");
  if (!st) return st.status();
  st->bind(1, school).bind(2, int64_t{limit});
  return st->rows([](const sqlite::Statement& r) {
    return AuditEntry{r.int64At(0), r.int64At(1), r.int64At(2), r.textAt(3),
                      r.textAt(4),  r.textAt(5),  r.textAt(6),  r.textAt(7)};
  });
}

}  // namespace esafety::store
