#include "records/aead.h"

#include <sodium.h>

namespace esafety::records::aead {
namespace {

constexpr uint8_t kVersion = 1;
constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(kKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string seal(const Secret& key, const uint8_t* plain, size_t size, std::string_view associated) {
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

size_t plainSize(std::string_view sealed) {
  return sealed.size() < 1 + kNonce + kTag ? 0 : sealed.size() - 1 - kNonce - kTag;
}

bool open(const Secret& key, std::string_view sealed, std::string_view associated, uint8_t* out) {
  if (sealed.size() < 1 + kNonce + kTag || static_cast<uint8_t>(sealed[0]) != kVersion) return false;
  const unsigned char* p = bytes(sealed);
  unsigned long long size = 0;
  return crypto_aead_xchacha20poly1305_ietf_decrypt(out, &size, nullptr, p + 1 + kNonce,
                                                    sealed.size() - 1 - kNonce, bytes(associated),
                                                    associated.size(), p + 1, key.data()) == 0;
}

}  // namespace esafety::records::aead
