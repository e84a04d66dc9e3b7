// Migrator: brings an SQLite database up to the schema this binary knows, from
// the numbered scripts in src/store/migrations/sqlite (0001_init.sql, ...)
// that are embedded in the binary.
//
// Each pending script runs in its own write transaction together with its row
// in schema_migrations(version, applied_at), so a crash leaves the database at
// one version or the next, never between. Reopening an up-to-date database
// changes nothing. Two processes opening a new database at once are safe: the
// version is read again once the write lock is held.
//
//   ESAFETY_RETURN_IF_ERROR(migrateSqlite(db, clock));
//
// Refuses, with kFailedPrecondition, a database newer than this binary (an
// older esafety must not write to a schema it does not know) and an SQLite
// file that holds some other program's tables.
//
// Thread safety: none; call with the Database to yourself.
#pragma once

#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "store/sqlite/database.h"

namespace esafety::store::sqlite {

struct Migration {
  int version = 0;         // from the file name: 0001_init.sql is 1
  std::string_view name;   // "0001_init.sql"
  std::string_view sql;
};

// The embedded migrations in order. kInternal if the files are misnumbered
// (a gap, a duplicate, a name not starting with four digits): a build error.
Result<std::vector<Migration>> sqliteMigrations();
// The highest version this binary knows.
int latestSqliteSchemaVersion();

// The highest version applied to `db`; 0 for a new, empty database.
Result<int> sqliteSchemaVersion(Database& db);

// Applies every pending migration, or (for a read-only database) checks that
// none is pending.
Status migrateSqlite(Database& db, const Clock& clock);

}  // namespace esafety::store::sqlite
