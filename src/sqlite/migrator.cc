#include "sqlite/migrator.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "sqlite/transaction.h"

namespace esafety::sqlite {
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

// True when the file holds tables that are not the set's: some other
// program's database (or the other esafety database, named by mistake). An
// empty schema_migrations is ours: a first migration that failed (a busy
// database, say) leaves one behind, and the next open must carry on.
Result<bool> holdsForeignTables(Database& db, const MigrationSet& set) {
  auto st = db.prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
      " AND name <> 'schema_migrations'");
  if (!st) return st.status();
  auto names = st->rows([](const Statement& r) { return r.textAt(0); });
  if (!names) return names.status();
  return std::any_of(names->begin(), names->end(), [&](const std::string& name) {
    return std::find(set.own_tables.begin(), set.own_tables.end(), name) == set.own_tables.end();
  });
}

Status checkForeignKeys(Database& db, const Migration& migration) {
  auto st = db.prepare("PRAGMA foreign_key_check");
  if (!st) return st.status();
  auto bad = st->rows([](const Statement& r) {
    return fmt::format("{} row {} -> {}", r.textAt(0), r.int64At(1), r.textAt(2));
  });
  if (!bad) return bad.status();
  if (bad->empty()) return Status::ok();
  return dataLoss(fmt::format("migration {} would leave {} broken reference(s), first {}; "
                              "nothing was changed",
                              migration.name, bad->size(), bad->front()));
}

// SQLite's procedure for changing a table's constraints (new table, copy,
// drop, rename) needs foreign keys off, and the pragma is a no-op inside a
// transaction: turn them off around the migrations and back on after,
// whatever happens. Each migration checks them before it commits.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(Database& db) : db_(db) {
    ok_ = db_.exec("PRAGMA foreign_keys = OFF", "turning foreign keys off to migrate").isOk();
  }
  ~ForeignKeysOff() { (void)db_.exec("PRAGMA foreign_keys = ON", "turning foreign keys on"); }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
  bool ok() const { return ok_; }

 private:
  Database& db_;
  bool ok_ = false;
};

Status applyOne(Database& db, const Migration& migration, const Clock& clock) {
  auto tx = Transaction::begin(db, Transaction::Kind::kWrite);
  if (!tx) return tx.status();
  // Another process may have migrated while we waited for the write lock.
  auto current = schemaVersion(db);
  if (!current) return current.status();
  if (*current >= migration.version) return tx->commit();

  ESAFETY_RETURN_IF_ERROR(db.exec(std::string(migration.sql),
                                  fmt::format("applying migration {}", migration.name)));
  // Foreign keys are off while migrating (a table rebuild needs it, see
  // migrate()): check them before the migration commits.
  ESAFETY_RETURN_IF_ERROR(checkForeignKeys(db, migration));
  auto record = db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)");
  if (!record) return record.status();
  record->bind(1, int64_t{migration.version}).bind(2, clock.nowUnix());
  ESAFETY_RETURN_IF_ERROR(record->run());
  return tx->commit();
}

}  // namespace

Result<std::vector<Migration>> migrations(const MigrationSet& set) {
  std::vector<Migration> out;
  for (const auto& [name, sql] : *set.files) {
    int version = versionFromName(name);
    if (version != static_cast<int>(out.size()) + 1) {
      return internalError(fmt::format("{} migration {} is misnumbered: expected {:04}_<name>.sql",
                                       set.what, name, out.size() + 1));
    }
    out.push_back({version, name, sql});
  }
  return out;
}

int latestVersion(const MigrationSet& set) { return static_cast<int>(set.files->size()); }

Result<int> schemaVersion(Database& db) {
  auto exists = hasTable(db, "schema_migrations");
  if (!exists) return exists.status();
  if (!*exists) return 0;
  auto st = db.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!st) return st.status();
  auto row = st->step();
  if (!row) return row.status();
  return static_cast<int>(st->int64At(0));
}

Status migrate(Database& db, const MigrationSet& set, const Clock& clock) {
  auto all = migrations(set);
  if (!all) return all.status();
  const int latest = static_cast<int>(all->size());

  auto current = schemaVersion(db);
  if (!current) return current.status();
  // With its tables named, a set can tell a stranger's tables at any version;
  // without, only a database with no migrations yet.
  if (*current == 0 || !set.own_tables.empty()) {
    auto foreign = holdsForeignTables(db, set);
    if (!foreign) return foreign.status();
    if (*foreign) {
      return failedPrecondition(fmt::format(
          "{} is not an esafety {}: it is an SQLite file holding another program's tables",
          db.path(), set.what));
    }
  }
  if (*current > latest) {
    return failedPrecondition(fmt::format(
        "{} {} has schema version {}, but this esafety knows only up to version {}; "
        "run a newer esafety, or restore a backup made by this version",
        set.what, db.path(), *current, latest));
  }
  if (*current == latest) return Status::ok();
  if (db.readOnly()) {
    return failedPrecondition(fmt::format(
        "{} {} has schema version {} and needs upgrading to {}, but it is open read-only",
        set.what, db.path(), *current, latest));
  }
  if (*current == 0) {
    ESAFETY_RETURN_IF_ERROR(db.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
        "creating schema_migrations"));
  }
  ForeignKeysOff keys_off(db);
  if (!keys_off.ok()) return internalError("could not turn foreign keys off to migrate");
  for (const Migration& migration : *all) {
    if (migration.version <= *current) continue;
    const bool tell = *current > 0 && set.progress;
    if (tell) set.progress(fmt::format("upgrading {} with migration {}", db.path(), migration.name));
    const auto started = std::chrono::steady_clock::now();
    ESAFETY_RETURN_IF_ERROR(applyOne(db, migration, clock));
    if (tell) {
      set.progress(fmt::format(
          "migration {} done in {:.1f} s", migration.name,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()));
    }
  }
  return Status::ok();
}

}  // namespace esafety::sqlite
