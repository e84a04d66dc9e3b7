// The schema of events.db: numbered scripts in src/event_log/migrations/sqlite
// (0001_events.sql, ...) embedded in the binary and applied by the shared
// migrator (sqlite/migrator.h), with the same bookkeeping as the policy store.
//
//   ESAFETY_RETURN_IF_ERROR(migrateEventsDatabase(db, clock));
//
// Refuses (kFailedPrecondition) a database newer than this binary, a
// read-only one that needs upgrading, and an SQLite file holding other tables
// (someone pointed --data at the policy store, say).
//
// Thread safety: none; call with the Database to yourself.
#pragma once

#include "core/clock.h"
#include "core/status.h"
#include "sqlite/database.h"
#include "sqlite/migrator.h"

namespace esafety::events {

const sqlite::MigrationSet& eventMigrations();
int latestEventsSchemaVersion();
Status migrateEventsDatabase(sqlite::Database& db, const Clock& clock);

}  // namespace esafety::events
