// Writing private keys to disk so that no other user can read them, not even
// for a moment: the file is created with mode 0600 (O_CREAT|O_EXCL under a
// temporary name in the same folder), written, synced, then renamed into
// place. A file that was there before is replaced whole or not at all.
//
//   ESAFETY_RETURN_IF_ERROR(writeSecretFile(dir + "/ca-key.pem", pem));
//
// Safe from any thread (distinct paths).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace esafety::tls {

// `sync` = false skips the fsync (for files that are cheap to lose, such as
// cached leaf certificates written from a data-plane thread).
Status writeSecretFile(const std::string& path, std::string_view contents, bool sync = true);

// Creates `path` (and missing parents) with mode 0700; an existing folder keeps its mode.
Status makePrivateDirectory(const std::string& path);

}  // namespace esafety::tls
