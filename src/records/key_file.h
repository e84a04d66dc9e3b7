// The key file: 32 random bytes that wrap (encrypt) the data key stored in
// the database (DESIGN.md "Records at rest"). It lives in the data folder
// beside the database, never inside it, with mode 0600, so that a copy of
// esafety.db alone does not open a single note.
//
//   auto key = readOrCreateKeyFile(dir.recordsKeyPath(), /*may_create=*/true);
//
// Thread safety: plain functions; creation is O_EXCL, so two processes
// racing to make the file get one file and both read it.
#pragma once

#include <string>

#include "core/status.h"
#include "records/secret.h"

namespace esafety::records {

inline constexpr size_t kKeyFileBytes = 32;

// Reads the key file at `path`. When it does not exist and `may_create`,
// makes it (mode 0600, fresh random bytes). kNotFound when it is missing and
// may not be made; kPermissionDenied when group or others may read it;
// kDataLoss when it is not 32 bytes.
Result<Secret> readOrCreateKeyFile(const std::string& path, bool may_create);

}  // namespace esafety::records
