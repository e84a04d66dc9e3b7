// Migrator: brings an SQLite database up to the schema this binary knows,
// from a set of numbered scripts embedded in the binary (0001_init.sql, ...).
// The policy store (store/sqlite/sqlite_store.cc) and the event log
// (event_log/event_migrations.cc) each have their own set.
//
// Each pending script runs in its own write transaction together with its row
// in schema_migrations(version, applied_at), so a crash leaves the database at
// one version or the next, never between. Reopening an up-to-date database
// changes nothing. Two processes opening a new database at once are safe: the
// version is read again once the write lock is held.
//
//   const MigrationSet kEvents{.what = "events database", .files = eventMigrationFiles(),
//                              .own_tables = {"events", "events_search"}};
//   ESAFETY_RETURN_IF_ERROR(migrate(db, kEvents, clock));
//
// Refuses, with kFailedPrecondition, a database newer than this binary (an
// older esafety must not write to a schema it does not know), a read-only one
// that needs upgrading, and an SQLite file that holds some other program's
// tables. A misnumbered script (a gap, a duplicate, a name not starting with
// four digits and '_') is kInternal: a build mistake.
//
// Thread safety: none; call with the Database to yourself.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "sqlite/database.h"
#include "sqlite/embedded_files.h"

namespace esafety::sqlite {

struct Migration {
  int version = 0;         // from the file name: 0001_init.sql is 1
  std::string_view name;   // "0001_init.sql"
  std::string_view sql;
};

struct MigrationSet {
  std::string_view what;  // "database", "events database": for messages
  const EmbeddedFiles* files = nullptr;
  // Tables a database of this kind may hold besides schema_migrations. Empty:
  // any table of ours is recognised by schema_migrations alone, so a file
  // with tables but no migrations row is someone else's.
  std::vector<std::string_view> own_tables;
  // Told before and after each script on a database that already had a
  // schema (some scripts read every row, so a wait is explained); null: quiet.
  std::function<void(std::string_view message)> progress;
};

// The set's migrations in order; kInternal if the files are misnumbered.
Result<std::vector<Migration>> migrations(const MigrationSet& set);
// The highest version the set knows.
int latestVersion(const MigrationSet& set);

// The highest version applied to `db`; 0 for a new, empty database.
Result<int> schemaVersion(Database& db);

// Applies every pending migration, or (for a read-only database) checks that
// none is pending.
Status migrate(Database& db, const MigrationSet& set, const Clock& clock);

}  // namespace esafety::sqlite
