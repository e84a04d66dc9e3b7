#include "records/sealer.h"

#include <sodium.h>

#include <fmt/format.h>

#include "records/key_file.h"

namespace esafety::records {
namespace {

constexpr uint8_t kVersion = 1;
constexpr std::string_view kDataKeyContext = "esafety data key";
constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr size_t kKey = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
static_assert(kKey == kKeyFileBytes);

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string sealWith(const Secret& key, const uint8_t* plain, size_t size,
                     std::string_view associated) {
  std::string out(1 + kNonce + size + kTag, '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  p[0] = kVersion;
  randombytes_buf(p + 1, kNonce);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(p + 1 + kNonce, &written, plain, size,
                                             bytes(associated), associated.size(), nullptr, p + 1,
                                             key.data());
  return out;
}

// Opens into `out` (size of the plain text); false when it does not open.
bool openWith(const Secret& key, std::string_view sealed, std::string_view associated,
              uint8_t* out) {
  if (sealed.size() < 1 + kNonce + kTag || static_cast<uint8_t>(sealed[0]) != kVersion) return false;
  const unsigned char* p = bytes(sealed);
  unsigned long long size = 0;
  return crypto_aead_xchacha20poly1305_ietf_decrypt(out, &size, nullptr, p + 1 + kNonce,
                                                    sealed.size() - 1 - kNonce, bytes(associated),
                                                    associated.size(), p + 1, key.data()) == 0;
}

size_t plainSize(std::string_view sealed) {
  return sealed.size() < 1 + kNonce + kTag ? 0 : sealed.size() - 1 - kNonce - kTag;
}

}  // namespace

Result<std::string> Sealer::seal(std::string_view plain, std::string_view record_id) const {
  if (plain.size() > kMaxNarrativeBytes) {
    return invalidArgument(fmt::format("the text is over {} bytes", kMaxNarrativeBytes));
  }
  return sealWith(data_key_, bytes(plain), plain.size(), record_id);
}

Result<std::string> Sealer::open(std::string_view sealed, std::string_view record_id) const {
  std::string plain(plainSize(sealed), '\0');
  if (!openWith(data_key_, sealed, record_id, reinterpret_cast<uint8_t*>(plain.data()))) {
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
        sealWith(*wrapping, fresh.data(), fresh.size(), kDataKeyContext));
    if (!kept) return kept.status();
    wrapped = std::move(*kept);
  }
  Secret data_key(kKey);
  if (plainSize(wrapped) != kKey || !openWith(*wrapping, wrapped, kDataKeyContext, data_key.data())) {
    return permissionDenied(fmt::format(
        "the key file {} does not open this database's data key: it belongs to another "
        "installation or was changed; put back the key file made with this database",
        key_file));
  }
  return std::make_unique<Sealer>(std::move(data_key));
}

}  // namespace esafety::records
