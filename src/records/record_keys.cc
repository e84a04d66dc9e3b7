#include "records/record_keys.h"

#include <sodium.h>

#include <fmt/format.h>

#include "records/aead.h"
#include "records/key_file.h"

namespace esafety::records {
namespace {

std::string wrapContext(std::string_view ref) { return fmt::format("esafety record key {}", ref); }

// The chain key: BLAKE2b keyed by the school key over a fixed label, so it
// is never the school key itself.
Secret deriveChainKey(const Secret& school_key) {
  static constexpr std::string_view kLabel = "esafety record log chain";
  Secret out(crypto_generichash_BYTES);
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(kLabel.data()),
                     kLabel.size(), school_key.data(), school_key.size());
  return out;
}

}  // namespace

NewRecordKey RecordKeys::newRecordKey(std::string_view ref) const {
  Secret data_key(aead::kKeyBytes);
  randombytes_buf(data_key.data(), data_key.size());
  std::string wrapped = aead::seal(school_key_, data_key.data(), data_key.size(), wrapContext(ref));
  return {std::make_unique<Sealer>(std::move(data_key)), std::move(wrapped)};
}

Result<std::unique_ptr<Sealer>> RecordKeys::recordSealer(std::string_view wrapped,
                                                         std::string_view ref) const {
  Secret data_key(aead::kKeyBytes);
  if (aead::plainSize(wrapped) != aead::kKeyBytes ||
      !aead::open(school_key_, wrapped, wrapContext(ref), data_key.data())) {
    return dataLoss(fmt::format(
        "the key of record {} does not open: it was changed, belongs to another record, or was "
        "made with another key file",
        ref));
  }
  return std::make_unique<Sealer>(std::move(data_key));
}

std::string newRecordRef() {
  initSodium();
  unsigned char raw[8];
  randombytes_buf(raw, sizeof raw);
  char hex[2 * sizeof raw + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return fmt::format("R-{}", hex);
}

Result<std::unique_ptr<RecordKeys>> openRecordKeys(const std::string& key_file, KeyVault& vault) {
  auto checked = openSealer(key_file, vault);
  if (!checked) return checked.status();
  auto school_key = readOrCreateKeyFile(key_file, /*may_create=*/false);
  if (!school_key) return school_key.status();
  Secret chain_key = deriveChainKey(*school_key);
  return std::make_unique<RecordKeys>(std::move(*school_key), std::move(chain_key));
}

}  // namespace esafety::records
