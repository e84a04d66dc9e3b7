// MemoryVault: a KeyVault (key_vault.h) in memory, for the tests of
// records/ that need the database's side without a database.
//
// Thread safety: none; one test at a time.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "records/key_vault.h"

namespace esafety::records {

class MemoryVault final : public KeyVault {
 public:
  Result<std::optional<std::string>> wrappedDataKey() override { return stored; }
  Result<std::string> keepFirstWrappedDataKey(std::string_view wrapped) override {
    if (!stored) stored = std::string(wrapped);
    return *stored;
  }
  std::optional<std::string> stored;
};

}  // namespace esafety::records
