// The schema of events.db: numbered scripts in src/events/migrations/sqlite
// (0001_events.sql, ...) embedded in the binary, applied in order, each in
// its own write transaction together with its row in schema_migrations, the
// same bookkeeping as the policy store's (store/sqlite/migrator.h), whose
// sqliteSchemaVersion() and Transaction this reuses.
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
#include "store/sqlite/database.h"

namespace esafety::events {

int latestEventsSchemaVersion();
Status migrateEventsDatabase(store::sqlite::Database& db, const Clock& clock);

}  // namespace esafety::events
