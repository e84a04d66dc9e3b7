// Online backup of one SQLite database, and the integrity check a restore
// makes first. backupDatabase() uses SQLite's online backup API
// (sqlite3_backup_*) from its own connection, inside one read transaction:
// the copy is the database as it was when the backup began, whatever
// `esafety serve` writes meanwhile (WAL: the server's writers never wait for
// it, and it never restarts because of them).
//
//   auto copied = backupDatabase("var/events.db", "/backups/mon/events.db",
//                                [](uint64_t done, uint64_t total) { ... });  // pages
//   ESAFETY_RETURN_IF_ERROR(checkIntegrity("/backups/mon/events.db"));
//
// The copy is a new file of mode 0600 (it holds safeguarding data) in
// rollback-journal mode, so it stands alone, with no -wal or -shm beside it.
// Thread safety: each call opens and closes its own connections.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"

namespace esafety::sqlite {

struct BackupStats {
  uint64_t pages = 0;
  uint64_t bytes = 0;
};

// Called after each step with pages copied and pages in all.
using BackupProgressFn = std::function<void(uint64_t done, uint64_t total)>;

// Copies `from` (which must exist) into `to` (which must not). On an error
// the partial `to` is removed. kNotFound when `from` is missing,
// kAlreadyExists when `to` exists.
Result<BackupStats> backupDatabase(const std::string& from, const std::string& to,
                                   const BackupProgressFn& progress = {});

// PRAGMA integrity_check over a read-only connection: kDataLoss naming the
// first problem, or for a file that is not SQLite.
Status checkIntegrity(const std::string& path);

}  // namespace esafety::sqlite
