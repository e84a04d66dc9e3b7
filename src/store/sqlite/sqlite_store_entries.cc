// SqliteStore: the school's local allow and deny entries. Entries are never
// erased: removing one records who removed it, when and why, and hides it from
// the policy, so the record of every decision stays (DfE standards).
#include <fmt/format.h>

#include "store/sqlite/action_text.h"
#include "store/sqlite/sqlite_store.h"

namespace esafety::store {

Result<int64_t> SqliteStore::addLocalEntry(SchoolId school, const policy::LocalEntry& entry) {
  ESAFETY_RETURN_IF_ERROR(validateLocalEntry(entry));
  return mutate(
      school, entry.added_by, Reason::required(entry.reason),
      [&]() REQUIRES(mutex_) -> Result<Made<int64_t>> {
        ESAFETY_RETURN_IF_ERROR(requireGroupLocked(school, entry.group));
        const int64_t added_at = entry.added_at != 0 ? entry.added_at : clock_.nowUnix();
        auto st = db_->prepare(
            "INSERT INTO local_entries (school_id, group_name, pattern, action, added_by, added_at,"
            " reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!st) return st.status();
        st->bind(1, school).bind(2, entry.group).bind(3, entry.pattern);
        st->bind(4, actionText(entry.action)).bind(5, entry.added_by).bind(6, added_at);
        st->bind(7, entry.reason);
        ESAFETY_RETURN_IF_ERROR(st->run());
        const int64_t id = db_->lastInsertId();
        return Made<int64_t>{
            id,
            {"local_entry.add", fmt::format("local entry {}", id),
             fmt::format("{} {} for {}", actionText(entry.action), entry.pattern,
                         entry.group.empty() ? std::string("every group")
                                             : fmt::format("group '{}'", entry.group))}};
      });
}

Status SqliteStore::removeLocalEntry(SchoolId school, int64_t id, std::string_view removed_by,
                                     std::string_view reason) {
  return mutate(
      school, removed_by, Reason::required(reason), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
        auto st = db_->prepare(
            "UPDATE local_entries SET removed_by = ?3, removed_at = ?4, removed_reason = ?5"
            " WHERE school_id = ?1 AND id = ?2 AND removed_at IS NULL"
            " RETURNING action || ' ' || pattern");
        if (!st) return st.status();
        st->bind(1, school)
            .bind(2, id)
            .bind(3, removed_by)
            .bind(4, clock_.nowUnix())
            .bind(5, reason);
        auto row = st->step();
        if (!row) return row.status();
        if (!*row) return notFound(fmt::format("there is no local entry {} in force", id));
        std::string detail = st->textAt(0);
        ESAFETY_RETURN_IF_ERROR(st->run());
        return AuditNote{"local_entry.remove", fmt::format("local entry {}", id),
                         std::move(detail)};
      });
}

Result<std::vector<policy::LocalEntry>> SqliteStore::localEntries(SchoolId school) {
  MutexLock lock(mutex_);
  return readLocalEntriesLocked(school);
}

Result<std::vector<policy::LocalEntry>> SqliteStore::readLocalEntriesLocked(SchoolId school) {
  auto st = db_->prepare(
      "SELECT id, group_name, pattern, action, added_by, added_at, reason FROM local_entries"
      " WHERE school_id = ?1 AND removed_at IS NULL ORDER BY id");
  if (!st) return st.status();
  st->bind(1, school);
  return st->rows([](const sqlite::Statement& r) {
    return policy::LocalEntry{
        .id = r.int64At(0),
        .group = r.textAt(1),
        .pattern = r.textAt(2),
        // An unreadable action is read as the safe one.
        .action = actionFromText(r.textAt(3)).value_or(policy::Action::kBlock),
        .added_by = r.textAt(4),
        .added_at = r.int64At(5),
        .reason = r.textAt(6)};
  });
}

}  // namespace esafety::store
