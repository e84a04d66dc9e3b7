// KeyVault: where the database keeps its one wrapped data key (the Sealer's
// key, encrypted by the key file; sealer.h). The store implements it
// (store/sqlite/sqlite_store_records.cc) so that records/ never knows SQL.
//
// Thread safety: as the implementation's (SqliteStore serialises calls).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace esafety::records {

class KeyVault {
 public:
  virtual ~KeyVault() = default;
  // The wrapped data key, or nullopt when none was ever stored.
  virtual Result<std::optional<std::string>> wrappedDataKey() = 0;
  // Stores `wrapped` unless a key is already stored, and returns the one
  // stored afterwards: when two processes make a key at once, the first to
  // commit wins and both use it.
  virtual Result<std::string> keepFirstWrappedDataKey(std::string_view wrapped) = 0;
};

}  // namespace esafety::records
