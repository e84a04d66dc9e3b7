#include "records/sealer.h"

#include <sodium.h>

#include <fmt/format.h>

#include "records/aead.h"
#include "records/key_file.h"

namespace esafety::records {
namespace {

constexpr std::string_view kDataKeyContext = "esafety data key";
constexpr size_t kKey = aead::kKeyBytes;
static_assert(kKey == kKeyFileBytes);

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

Result<std::string> Sealer::seal(std::string_view plain, std::string_view record_id) const {
  if (plain.size() > kMaxNarrativeBytes) {
    return invalidArgument(fmt::format("the text is over {} bytes", kMaxNarrativeBytes));
  }
  return aead::seal(data_key_, bytes(plain), plain.size(), record_id);
}

Result<std::string> Sealer::open(std::string_view sealed, std::string_view record_id) const {
  std::string plain(aead::plainSize(sealed), '\0');
  if (!aead::open(data_key_, sealed, record_id, reinterpret_cast<uint8_t*>(plain.data()))) {
    return dataLoss(fmt::format("the sealed text of {} does not open: it was changed or belongs elsewhere",
                                record_id));
  }
  return plain;
}

Result<std::unique_ptr<Sealer>> openSealer(const std::string& key_file, KeyVault& vault) {
  initSodium();
  auto stored = vault.wrappedDataKey();
  if (!stored) return stored.status();
  auto wrapping = readOrCreateKeyFile(key_file, /*may_create=*/!stored->has_value());
  if (!wrapping) {
    if (wrapping.status().code() != StatusCode::kNotFound) return wrapping.status();
    return failedPrecondition(fmt::format(
        "the key file {} is missing, and the database holds notes sealed with it: restore the "
        "key file from where it was kept (it is not in the database or its backups); without it "
        "no sealed note can be read",
        key_file));
  }
  std::string wrapped;
  if (stored->has_value()) {
    wrapped = **stored;
  } else {
    Secret fresh(kKey);
    randombytes_buf(fresh.data(), fresh.size());
    auto kept = vault.keepFirstWrappedDataKey(
        aead::seal(*wrapping, fresh.data(), fresh.size(), kDataKeyContext));
    if (!kept) return kept.status();
    wrapped = std::move(*kept);
  }
  Secret data_key(kKey);
  if (aead::plainSize(wrapped) != kKey || !aead::open(*wrapping, wrapped, kDataKeyContext, data_key.data())) {
    return permissionDenied(fmt::format(
        "the key file {} does not open this database's data key: it belongs to another "
        "installation or was changed; put back the key file made with this database",
        key_file));
  }
  return std::make_unique<Sealer>(std::move(data_key));
}

}  // namespace esafety::records
