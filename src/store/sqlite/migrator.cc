#include "store/sqlite/migrator.h"

#include <fmt/format.h>

#include "store/embedded_files.h"
#include "store/sqlite/transaction.h"

namespace esafety::store::sqlite {
namespace {

// "0001_init.sql" -> 1; 0 when the name does not start with four digits and '_'.
int versionFromName(std::string_view name) {
  if (name.size() < 6 || name[4] != '_' || !name.ends_with(".sql")) return 0;
  int version = 0;
  for (char c : name.substr(0, 4)) {
    if (c < '0' || c > '9') return 0;
    version = version * 10 + (c - '0');
  }
  return version;
}

Result<bool> hasTable(Database& db, std::string_view table) {
  auto st = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
  if (!st) return st.status();
  st->bind(1, table);
  return st->step();
}

// True when the file holds tables but not ours: some other program's database.
// An empty schema_migrations is ours: a first migration that failed (a busy
// database, say) leaves one behind, and the next open must carry on.
Result<bool> isForeignDatabase(Database& db) {
  auto st = db.prepare(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
      " AND name <> 'schema_migrations'");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  return st->int64At(0) > 0;
}

Status applyOne(Database& db, const Migration& migration, const Clock& clock) {
  auto tx = Transaction::begin(db, Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  // Another process may have migrated while we waited for the write lock.
  auto current = sqliteSchemaVersion(db);
  if (!current) return current.status();
  if (*current >= migration.version) return tx->commit();

  ESAFETY_RETURN_IF_ERROR(db.exec(std::string(migration.sql),
                                  fmt::format("applying migration {}", migration.name)));
  auto record = db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)");
  if (!record) return record.status();
  record->bind(1, int64_t{migration.version}).bind(2, clock.nowUnix());
  ESAFETY_RETURN_IF_ERROR(record->run());
  return tx->commit();
}

}  // namespace

Result<std::vector<Migration>> sqliteMigrations() {
  std::vector<Migration> out;
  for (const auto& [name, sql] : sqliteMigrationFiles()) {
    int version = versionFromName(name);
    if (version != static_cast<int>(out.size()) + 1) {
      return internalError(fmt::format(
          "migration {} is misnumbered: expected {:04}_<name>.sql", name, out.size() + 1));
    }
    out.push_back({version, name, sql});
  }
  return out;
}

int latestSqliteSchemaVersion() { return static_cast<int>(sqliteMigrationFiles().size()); }

Result<int> sqliteSchemaVersion(Database& db) {
  auto exists = hasTable(db, "schema_migrations");
  if (!exists) return exists.status();
  if (!*exists) return 0;
  auto st = db.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  return static_cast<int>(st->int64At(0));
}

Status migrateSqlite(Database& db, const Clock& clock) {
  auto migrations = sqliteMigrations();
  if (!migrations) return migrations.status();
  const int latest = static_cast<int>(migrations->size());

  auto current = sqliteSchemaVersion(db);
  if (!current) return current.status();
  if (*current == 0) {
    auto foreign = isForeignDatabase(db);
    if (!foreign) return foreign.status();
    if (*foreign) {
      return failedPrecondition(fmt::format(
          "{} is not an esafety database: it is an SQLite file holding another program's tables",
          db.path()));
    }
  }
  if (*current > latest) {
    return failedPrecondition(fmt::format(
        "database {} has schema version {}, but this esafety knows only up to version {}; "
        "run a newer esafety, or restore a backup made by this version",
        db.path(), *current, latest));
  }
  if (*current < latest && db.readOnly()) {
    return failedPrecondition(fmt::format(
        "database {} has schema version {} and needs upgrading to {}, but it is open read-only",
        db.path(), *current, latest));
  }
  if (*current == 0) {
    ESAFETY_RETURN_IF_ERROR(db.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
        "creating schema_migrations"));
  }
  for (const Migration& migration : *migrations) {
    if (migration.version > *current) ESAFETY_RETURN_IF_ERROR(applyOne(db, migration, clock));
  }
  return Status::ok();
}

}  // namespace esafety::store::sqlite
