// Database: one SQLite connection, owned (closed when destroyed), opened the
// way esafety needs it: WAL journal (readers never wait for the writer),
// foreign_keys=ON, synchronous=NORMAL (safe with WAL; a power cut loses at
// most the last commits, never the file), a busy_timeout so a brief lock from
// another process is waited out, and extended result codes for clear errors.
//
//   auto db = Database::open("var/esafety.db", {});
//   if (!db) return db.status();     // kDataLoss for a file that is not SQLite
//   auto st = (*db)->prepare("SELECT count(*) FROM schools");
//
// Every error comes back as a Status (see sqlite_errors.h); none throws or
// aborts. Statements are prepared per call rather than cached: the store sits
// on the control plane, where a prepare costs microseconds against a
// teacher's click.
//
// Thread safety: none. SqliteStore guards its Database with a mutex.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "sqlite/statement.h"

struct sqlite3;

namespace esafety::sqlite {

struct DatabaseOptions {
  // How long a write waits for another connection's write lock before the
  // call fails with kUnavailable.
  int busy_timeout_ms = 5000;
  // Opens without write access: for reports and for a copy on read-only media.
  bool read_only = false;
};

class Database {
 public:
  // Opens or creates `path`. Does not create the schema: see migrator.h.
  // Unless read-only, the file (and its -wal and -shm) is made mode 0600.
  static Result<std::unique_ptr<Database>> open(const std::string& path,
                                                const DatabaseOptions& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Result<Statement> prepare(std::string_view sql);
  // Runs one or more statements that return no rows (a migration script).
  Status exec(const std::string& sql, std::string_view context);

  int64_t lastInsertId() const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int64_t changes() const;
  bool inTransaction() const;
  const std::string& path() const { return path_; }
  bool readOnly() const { return read_only_; }

  // A Status for `rc`, with SQLite's own message and this database's path.
  Status error(int rc, std::string_view context) const;

 private:
  Database(sqlite3* db, std::string path, bool read_only)
      : db_(db), path_(std::move(path)), read_only_(read_only) {}
  Status configure(const DatabaseOptions& options);

  sqlite3* db_;
  std::string path_;
  bool read_only_;
};

}  // namespace esafety::sqlite
