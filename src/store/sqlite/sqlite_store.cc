// SqliteStore: opening, schools, settings, the whole-policy read and the
// shared helpers. The other areas live in sqlite_store_<area>.cc.
#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>

#include "sqlite/migrator.h"
#include "store/embedded_files.h"
#include "sqlite/transaction.h"
#include "store/validation.h"

namespace esafety::store {

using sqlite::Transaction;

const sqlite::MigrationSet& storeMigrations() {
  static const sqlite::MigrationSet set{.what = "database", .files = &sqliteMigrationFiles()};
  return set;
}

Result<std::unique_ptr<Store>> openSqliteStore(const std::string& path, Clock& clock) {
  return openSqliteStore(path, clock, SqliteStoreOptions{});
}

Result<std::unique_ptr<Store>> openSqliteStore(const std::string& path, Clock& clock,
                                               const SqliteStoreOptions& options) {
  auto db = sqlite::Database::open(
      path, {.busy_timeout_ms = options.busy_timeout_ms, .read_only = options.read_only});
  if (!db) return db.status();
  ESAFETY_RETURN_IF_ERROR(sqlite::migrate(**db, storeMigrations(), clock));
  return std::unique_ptr<Store>(new SqliteStore(std::move(*db), clock));
}

// --- Schools -----------------------------------------------------------------

// The one write that does not go through mutate(): its school does not exist
// until the change makes it, and its audit row belongs to the new school.
Result<SchoolId> SqliteStore::createSchool(std::string_view name, std::string_view urn,
                                           std::string_view actor) {
  ESAFETY_RETURN_IF_ERROR(validateSchoolName(name));
  ESAFETY_RETURN_IF_ERROR(validateUrn(urn));
  ESAFETY_RETURN_IF_ERROR(validateActor(actor));
  MutexLock lock(mutex_);
  auto tx = Transaction::begin(*db_, Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  auto st = db_->prepare("INSERT INTO schools (name, urn, created_at) VALUES (?1, ?2, ?3)");
  if (!st) return st.status();
  st->bind(1, name).bind(2, urn).bind(3, clock_.nowUnix());
  Status inserted = st->run();
  if (inserted.code() == StatusCode::kAlreadyExists) {
    return alreadyExists(fmt::format("a school with URN {} exists already", urn));
  }
  ESAFETY_RETURN_IF_ERROR(inserted);
  SchoolId id = db_->lastInsertId();
  ESAFETY_RETURN_IF_ERROR(auditLocked(id, actor, "school.create", std::string(name),
                                      urn.empty() ? "" : fmt::format("URN {}", urn), ""));
  ESAFETY_RETURN_IF_ERROR(tx->commit());
  return id;
}

Result<std::vector<policy::School>> SqliteStore::schools() {
  MutexLock lock(mutex_);
  auto st = db_->prepare("SELECT id, name, urn FROM schools ORDER BY id");
  if (!st) return st.status();
  return st->rows([](const sqlite::Statement& r) {
    return policy::School{r.int64At(0), r.textAt(1), r.textAt(2)};
  });
}

Result<std::optional<policy::School>> SqliteStore::school(SchoolId id) {
  MutexLock lock(mutex_);
  auto st = db_->prepare("SELECT id, name, urn FROM schools WHERE id = ?1");
  if (!st) return st.status();
  st->bind(1, id);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return std::optional<policy::School>();
  return std::optional<policy::School>(policy::School{st->int64At(0), st->textAt(1), st->textAt(2)});
}

Status SqliteStore::requireSchoolLocked(SchoolId school) {
  auto st = db_->prepare("SELECT 1 FROM schools WHERE id = ?1");
  if (!st) return st.status();
  st->bind(1, school);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return notFound(fmt::format("school {} does not exist", school));
  return Status::ok();
}

// --- Settings ----------------------------------------------------------------

Status SqliteStore::setSetting(SchoolId school, std::string_view key, std::string_view value,
                               std::string_view actor) {
  ESAFETY_RETURN_IF_ERROR(validateSettingKey(key));
  if (value.size() > kMaxTextLength) return invalidArgument("setting value is too long");
  return mutate(school, actor, Reason::none(), [&]() REQUIRES(mutex_) -> Result<AuditNote> {
    auto st = db_->prepare(
        "INSERT INTO settings (school_id, key, value, updated_by, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5)"
        " ON CONFLICT (school_id, key) DO UPDATE SET"
        " value = excluded.value, updated_by = excluded.updated_by,"
        " updated_at = excluded.updated_at");
    if (!st) return st.status();
    st->bind(1, school).bind(2, key).bind(3, value).bind(4, actor).bind(5, clock_.nowUnix());
    ESAFETY_RETURN_IF_ERROR(st->run());
    // A password is kept, but never written into the audit trail.
    std::string detail = isSecretSettingKey(key)
                             ? std::string(value.empty() ? "cleared" : "changed (the value is not shown)")
                             : fmt::format("set to '{}'", value);
    return AuditNote{"setting.set", std::string(key), std::move(detail)};
  });
}

Result<std::optional<std::string>> SqliteStore::setting(SchoolId school, std::string_view key) {
  MutexLock lock(mutex_);
  auto st = db_->prepare("SELECT value FROM settings WHERE school_id = ?1 AND key = ?2");
  if (!st) return st.status();
  st->bind(1, school).bind(2, key);
  auto row = st->step();
  if (!row) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(st->textAt(0));
}

// --- Whole policy and schema ---------------------------------------------------

Result<policy::PolicyData> SqliteStore::loadPolicy(SchoolId school) {
  MutexLock lock(mutex_);
  // One read transaction: the three reads see the same moment, even if
  // another process commits in between.
  auto tx = Transaction::begin(*db_, Transaction::Kind::kRead);
  if (!tx) return tx.status();
  ESAFETY_RETURN_IF_ERROR(requireSchoolLocked(school));
  policy::PolicyData data;
  data.school = school;
  auto categories = readCategoriesLocked(school, "");
  if (!categories) return categories.status();
  data.categories = std::move(*categories);
  auto groups = readGroupsLocked(school, "");
  if (!groups) return groups.status();
  data.groups = std::move(*groups);
  auto entries = readLocalEntriesLocked(school);
  if (!entries) return entries.status();
  data.local_entries = std::move(*entries);
  ESAFETY_RETURN_IF_ERROR(tx->commit());
  return data;
}

Result<int> SqliteStore::schemaVersion() {
  MutexLock lock(mutex_);
  return sqlite::schemaVersion(*db_);
}

}  // namespace esafety::store
