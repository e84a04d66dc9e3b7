#include "sqlite/database.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "sqlite/sqlite_errors.h"

namespace esafety::sqlite {

namespace {
// SQLite's allocation statistics take a global mutex on every malloc and
// free; nothing here reads them. This must run before SQLite initialises,
// so it runs once, before the first connection opens.
void configureSqliteOnce() {
  static const bool done = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);  // SQLITE_MISUSE if already started: harmless
    return true;
  }();
  (void)done;
}

// The databases hold safeguarding data: only the owner reads them. The file
// is made 0600 before SQLite creates it (SQLite gives its -wal and -shm the
// database's mode), and an older installation's files are tightened.
Status ownerOnly(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.starts_with("file:")) return Status::ok();
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    return ioError(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  }
  int rc = ::fchmod(fd, 0600);
  ::close(fd);
  if (rc != 0) return ioError(fmt::format("cannot make {} private: {}", path, std::strerror(errno)));
  for (const char* suffix : {"-wal", "-shm"}) {
    std::string side = path + suffix;
    if (::chmod(side.c_str(), 0600) != 0 && errno != ENOENT) {
      return ioError(fmt::format("cannot make {} private: {}", side, std::strerror(errno)));
    }
  }
  return Status::ok();
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open(const std::string& path,
                                                 const DatabaseOptions& options) {
  configureSqliteOnce();
  if (!options.read_only) ESAFETY_RETURN_IF_ERROR(ownerOnly(path));
  sqlite3* handle = nullptr;
  int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  // sqlite3_open_v2 hands back a handle even on failure; the Database owns it
  // from here so it is closed on every path.
  std::unique_ptr<Database> db(new Database(handle, path, options.read_only));
  if (handle == nullptr) return internalError("SQLite could not allocate a connection");
  if (rc != SQLITE_OK) return db->error(sqlite3_extended_errcode(handle), "opening the database");
  ESAFETY_RETURN_IF_ERROR(db->configure(options));
  return db;
}

Database::~Database() { sqlite3_close_v2(db_); }

Status Database::configure(const DatabaseOptions& options) {
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  // Reading the schema first makes a file that is not SQLite fail here, with
  // SQLITE_NOTADB, before any pragma could try to change it.
  auto probe = prepare("SELECT count(*) FROM sqlite_schema");
  if (!probe) return probe.status();
  ESAFETY_RETURN_IF_ERROR(probe->run());
  ESAFETY_RETURN_IF_ERROR(exec("PRAGMA foreign_keys = ON", "enabling foreign keys"));
  if (options.read_only) return Status::ok();

  auto mode = prepare("PRAGMA journal_mode = WAL");
  if (!mode) return mode.status();
  auto row = mode->step();
  if (!row) return row.status();
  if (!*row || mode->textAt(0) != "wal") {
    return ioError("cannot switch " + path_ + " to WAL mode (is it on a network share?)");
  }
  return exec("PRAGMA synchronous = NORMAL", "setting synchronous mode");
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return error(rc, "preparing \"" + std::string(sql.substr(0, 60)) + "\"");
  }
  return Statement(this, stmt);
}

Status Database::exec(const std::string& sql, std::string_view context) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Status::ok();
  std::string text = message != nullptr ? message : sqlite3_errstr(rc);
  sqlite3_free(message);
  return sqliteStatus(sqlite3_extended_errcode(db_), text, path_, context);
}

int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }
int64_t Database::changes() const { return sqlite3_changes64(db_); }
bool Database::inTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

Status Database::error(int rc, std::string_view context) const {
  return sqliteStatus(rc, db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc), path_, context);
}

}  // namespace esafety::sqlite
