#include "sqlite/sqlite_errors.h"

#include <sqlite3.h>

#include <fmt/format.h>

namespace esafety::sqlite {

Status sqliteStatus(int rc, std::string_view sqlite_message, std::string_view db_path,
                    std::string_view context) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {StatusCode::kUnavailable,
              fmt::format("{}: database {} is busy: another program holds its write lock; "
                          "try again shortly",
                          context, db_path)};
    case SQLITE_NOTADB:
      return dataLoss(fmt::format("{} is not an esafety database ({})", db_path, sqlite_message));
    case SQLITE_CORRUPT:
      return dataLoss(fmt::format("{}: database {} is corrupt ({}); restore it from a backup",
                                  context, db_path, sqlite_message));
    case SQLITE_READONLY:
      return failedPrecondition(fmt::format("{}: database {} is read-only ({})", context, db_path,
                                            sqlite_message));
    case SQLITE_FULL:
      return {StatusCode::kResourceExhausted,
              fmt::format("{}: the disk holding {} is full", context, db_path)};
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return ioError(fmt::format("{}: cannot use database {}: {}", context, db_path, sqlite_message));
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_TRIGGER) {
        return permissionDenied(fmt::format("{}: {}", context, sqlite_message));
      }
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return alreadyExists(fmt::format("{}: it exists already ({})", context, sqlite_message));
      }
      return invalidArgument(fmt::format("{}: {}", context, sqlite_message));
    default:
      return internalError(fmt::format("{}: SQLite error {} on {}: {}", context, rc, db_path,
                                       sqlite_message));
  }
}

}  // namespace esafety::sqlite
