// RecordKeys: the school key (the key file's 32 bytes, key_file.h) and what
// it opens for safeguarding records (issue 15). Each record has its own
// random data key, kept in the database only wrapped by the school key; the
// school key itself is never stored there. A third key, derived from the
// school key, keys the record log's hash chain (record_chain.h), so that a
// log rewritten by hand without the key file cannot be made to verify.
//
//   auto keys = openRecordKeys(dir.recordsKeyPath(), store);   // or locked
//   auto made = (*keys)->newRecordKey(ref);       // made.sealer seals fields
//   store row keeps made.wrapped
//   auto sealer = (*keys)->recordSealer(row.wrapped_key, row.ref);
//
// Thread safety: const methods, safe from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "records/key_vault.h"
#include "records/sealer.h"
#include "records/secret.h"

namespace esafety::records {

// A record's fresh data key: the sealer for its fields and the key wrapped
// for the database.
struct NewRecordKey {
  std::unique_ptr<Sealer> sealer;
  std::string wrapped;
};

class RecordKeys {
 public:
  RecordKeys(Secret school_key, Secret chain_key)
      : school_key_(std::move(school_key)), chain_key_(std::move(chain_key)) {}

  // A fresh data key for the record `ref`, wrapped and bound to `ref`.
  NewRecordKey newRecordKey(std::string_view ref) const;
  // The sealer of the record `ref` from its wrapped key; kDataLoss when the
  // wrapped key was changed, belongs to another record, or was wrapped by
  // another school key.
  Result<std::unique_ptr<Sealer>> recordSealer(std::string_view wrapped, std::string_view ref) const;
  // The key of the record log's hash chain.
  const Secret& chainKey() const { return chain_key_; }

 private:
  Secret school_key_;
  Secret chain_key_;
};

// A new record's reference: "R-" and 16 random hex digits. It names the
// record everywhere (the sealed fields and the wrapped key are bound to it).
std::string newRecordRef();

// Opens the school key from the key file at `key_file`, first checking,
// through openSealer() (sealer.h), that it is this database's key file (and
// making it, as openSealer does, when the database has never had one).
// Errors are openSealer's: kFailedPrecondition when the file is missing,
// kPermissionDenied when it is another installation's.
Result<std::unique_ptr<RecordKeys>> openRecordKeys(const std::string& key_file, KeyVault& vault);

}  // namespace esafety::records
