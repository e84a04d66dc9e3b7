// Turns SQLite result codes into Status values a person can act on, so that
// no SQLite error reaches a caller as a bare number and none crashes.
//
//   SQLITE_BUSY, SQLITE_LOCKED   -> kUnavailable      (another connection holds the
//                                                       write lock; retry later)
//   SQLITE_NOTADB                -> kDataLoss         ("<path> is not an esafety database")
//   SQLITE_CORRUPT               -> kDataLoss
//   SQLITE_READONLY              -> kFailedPrecondition
//   SQLITE_FULL                  -> kResourceExhausted
//   SQLITE_IOERR, CANTOPEN, PERM -> kIoError
//   SQLITE_CONSTRAINT_TRIGGER    -> kPermissionDenied  (our triggers only refuse
//                                                       what policy forbids)
//   SQLITE_CONSTRAINT_UNIQUE/PK  -> kAlreadyExists
//   other SQLITE_CONSTRAINT_*    -> kInvalidArgument
//   anything else                -> kInternal
//
// Thread safety: a pure function.
#pragma once

#include <string_view>

#include "core/status.h"

namespace esafety::sqlite {

// `rc` is an extended result code; `sqlite_message` is sqlite3_errmsg() or
// similar; `context` says what we were doing ("save group 'KS1'").
Status sqliteStatus(int rc, std::string_view sqlite_message, std::string_view db_path,
                    std::string_view context);

}  // namespace esafety::sqlite
