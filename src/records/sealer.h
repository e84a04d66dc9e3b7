// Sealer: seals and opens narratives (a DSL's note, later an incident's
// account) with XChaCha20-Poly1305 under the installation's data key
// (DESIGN.md "Records at rest"). The data key is random, made once, and kept
// in the database only wrapped (encrypted) by the key file (key_file.h), so
// the database alone opens nothing and no note is ever stored in plain text.
//
// Each sealed record is bound to its record's id as associated data: a note
// copied onto another record's row does not open there, and a changed byte
// anywhere fails to open (kDataLoss), never yields altered text.
//
//   auto sealer = openSealer(dir.recordsKeyPath(), *store);      // at start-up
//   if (!sealer) return sealer.status();    // e.g. the key file is missing
//   auto sealed = (*sealer)->seal("Spoke to the pupil", "alert-action 12");
//   auto text = (*sealer)->open(*sealed, "alert-action 12");
//
// Format of a sealed record: one version byte (1), a 24-byte random nonce,
// then the ciphertext with its 16-byte tag. The wrapped data key has the
// same form, with the fixed associated data "esafety data key".
//
// Thread safety: seal() and open() are const and safe from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "records/key_vault.h"
#include "records/secret.h"

namespace esafety::records {

// The longest narrative sealed (a note, an account of an incident).
inline constexpr size_t kMaxNarrativeBytes = 64 * 1024;

class Sealer {
 public:
  explicit Sealer(Secret data_key) : data_key_(std::move(data_key)) {}

  // kInvalidArgument for a narrative over kMaxNarrativeBytes.
  Result<std::string> seal(std::string_view plain, std::string_view record_id) const;
  // kDataLoss when `sealed` was changed, belongs to another record, or was
  // sealed under another data key.
  Result<std::string> open(std::string_view sealed, std::string_view record_id) const;

 private:
  Secret data_key_;
};

// Opens the installation's sealer. The key file at `key_file` is read, or
// made when the database holds no wrapped key yet (first use); the data key
// is unwrapped from `vault`, or made, wrapped and stored there.
//   - key file missing while the database holds a wrapped key
//                                -> kFailedPrecondition naming the file and
//                                   saying to restore it from where it was kept
//   - a key file that does not unwrap the stored key (another installation's)
//                                -> kPermissionDenied naming the file
Result<std::unique_ptr<Sealer>> openSealer(const std::string& key_file, KeyVault& vault);

}  // namespace esafety::records
