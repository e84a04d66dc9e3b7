// Backing up and restoring a data folder. A backup is a folder (mode 0700,
// every file 0600) holding
//   esafety.db, events.db   copies made with SQLite's online backup API
//                           (sqlite/backup.h): consistent while `esafety
//                           serve` runs and writes, which never waits for it
//   tls/ca.pem, tls/ca-key.pem, tls/leaf-key.pem   the school's CA, if made
//   esafety.toml, index/categories.idx, lists/...   settings, the compiled
//                           index and the lists kept in the data folder
//   MANIFEST                when, from where, and each file's size
// A restore checks every database in the backup (integrity_check) before it
// touches the data folder, refuses while a server runs there (DataDirLock),
// refuses to replace existing data unless asked, and points the lists kept in
// the old data folder at the new one.
//
//   auto made = backupDataDir(DataDir{"/var/lib/esafety"}, "/backups/2026-03-03", progress);
//   auto restored = restoreDataDir("/backups/2026-03-03", DataDir{"/var/lib/esafety"}, false);
//
// Thread safety: one call at a time per folder; serve may run during a backup.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "control/data_dir.h"
#include "core/status.h"

namespace esafety::control {

struct BackupFile {
  std::string name;  // relative to the backup folder: "esafety.db", "tls/ca.pem"
  uint64_t bytes = 0;
};

struct BackupReport {
  std::string folder;
  std::vector<BackupFile> files;
  double seconds = 0;
};

// Progress of the database copies: the file being copied, bytes done and in all.
using BackupProgress = std::function<void(std::string_view file, uint64_t done, uint64_t total)>;

// Backs `dir` up into the new folder `dest` (which must not exist, or be
// empty). kFailedPrecondition when `dir` holds no esafety data.
Result<BackupReport> backupDataDir(const DataDir& dir, const std::string& dest,
                                   const BackupProgress& progress = {});

struct RestoreReport {
  std::vector<BackupFile> files;   // what was put in place
  std::string made_at;             // from the MANIFEST
  std::string from_data;           // the data folder the backup was made from
  uint64_t lists_moved = 0;        // list paths pointed at the new data folder
};

// Restores the backup folder `from` into `dir`. kFailedPrecondition while a
// server runs on `dir`, or when `dir` holds data and !`replace`; kDataLoss
// when a database in the backup is damaged (nothing is changed then).
Result<RestoreReport> restoreDataDir(const std::string& from, const DataDir& dir, bool replace);

}  // namespace esafety::control
