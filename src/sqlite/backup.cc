#include "sqlite/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "sqlite/sqlite_errors.h"

namespace esafety::sqlite {
namespace {

// Pages copied per step: 4 MB at SQLite's default 4 KiB page, so progress
// moves about every 4 MB.
constexpr int kPagesPerStep = 1024;

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, Closer>;

Result<Connection> openConnection(const std::string& path, int flags) {
  sqlite3* handle = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Connection db(handle);
  if (handle == nullptr) return internalError("SQLite could not allocate a connection");
  if (rc != SQLITE_OK) {
    return sqliteStatus(sqlite3_extended_errcode(handle), sqlite3_errmsg(handle), path, "opening");
  }
  sqlite3_extended_result_codes(handle, 1);
  sqlite3_busy_timeout(handle, 5000);
  return db;
}

Status exec(sqlite3* db, const char* sql, const std::string& path, std::string_view what) {
  char* message = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Status::ok();
  std::string text = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return sqliteStatus(sqlite3_extended_errcode(db), text, path, what);
}

// Copies every page of `src` into `dst`, a step at a time.
Result<BackupStats> copyPages(sqlite3* src, sqlite3* dst, const std::string& from,
                              const BackupProgressFn& progress) {
  sqlite3_backup* backup = sqlite3_backup_init(dst, "main", src, "main");
  if (backup == nullptr) {
    return sqliteStatus(sqlite3_extended_errcode(dst), sqlite3_errmsg(dst), from,
                        "starting the backup");
  }
  int rc = SQLITE_OK;
  while (true) {
    rc = sqlite3_backup_step(backup, kPagesPerStep);
    auto total = static_cast<uint64_t>(sqlite3_backup_pagecount(backup));
    auto left = static_cast<uint64_t>(sqlite3_backup_remaining(backup));
    if (progress && (rc == SQLITE_OK || rc == SQLITE_DONE)) progress(total - left, total);
    if (rc == SQLITE_DONE) break;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    if (rc != SQLITE_OK) break;
  }
  BackupStats stats;
  stats.pages = static_cast<uint64_t>(sqlite3_backup_pagecount(backup));
  int finished = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return sqliteStatus(rc, sqlite3_errstr(rc), from, "copying the database");
  if (finished != SQLITE_OK) {
    return sqliteStatus(finished, sqlite3_errmsg(dst), from, "finishing the backup");
  }
  return stats;
}

}  // namespace

Result<BackupStats> backupDatabase(const std::string& from, const std::string& to,
                                   const BackupProgressFn& progress) {
  if (::access(from.c_str(), F_OK) != 0) return notFound(fmt::format("{} does not exist", from));
  // The copy is made 0600 before SQLite opens it, so it is never readable by others.
  int fd = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return alreadyExists(fmt::format("{} exists already", to));
    return ioError(fmt::format("cannot create {}: {}", to, std::strerror(errno)));
  }
  ::close(fd);
  auto copied = [&]() -> Result<BackupStats> {
    // Read-write without create: a read-only connection could not open a
    // WAL database whose -shm file is missing (no server running).
    auto src = openConnection(from, SQLITE_OPEN_READWRITE);
    if (!src) return src.status();
    auto dst = openConnection(to, SQLITE_OPEN_READWRITE);
    if (!dst) return dst.status();
    // One read transaction across every step: one snapshot, never restarted.
    ESAFETY_RETURN_IF_ERROR(exec(src->get(), "BEGIN; SELECT count(*) FROM sqlite_schema;", from,
                                 "starting a read transaction"));
    auto stats = copyPages(src->get(), dst->get(), from, progress);
    (void)exec(src->get(), "COMMIT", from, "ending the read transaction");
    if (!stats) return stats;
    // The copy stands alone: no -wal or -shm needed to read it.
    ESAFETY_RETURN_IF_ERROR(
        exec(dst->get(), "PRAGMA journal_mode = DELETE", to, "leaving WAL mode in the copy"));
    std::error_code ec;
    stats->bytes = std::filesystem::file_size(to, ec);
    return stats;
  }();
  if (!copied) {
    ::unlink(to.c_str());
    return copied.status();
  }
  return copied;
}

Status checkIntegrity(const std::string& path) {
  if (::access(path.c_str(), R_OK) != 0) return notFound(fmt::format("{} does not exist", path));
  auto db = openConnection(path, SQLITE_OPEN_READONLY);
  if (!db) return dataLoss(fmt::format("{} cannot be opened: {}", path, db.status().message()));
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db->get(), "PRAGMA integrity_check(1)", -1, &stmt, nullptr);
  std::string verdict;
  if (rc == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    verdict = text != nullptr ? reinterpret_cast<const char*>(text) : "";
  } else {
    verdict = sqlite3_errmsg(db->get());
  }
  sqlite3_finalize(stmt);
  if (verdict != "ok") return dataLoss(fmt::format("{} is damaged: {}", path, verdict));
  return Status::ok();
}

}  // namespace esafety::sqlite
