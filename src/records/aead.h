// The one sealed form every key and narrative of records/ uses
// (XChaCha20-Poly1305, libsodium): one version byte (1), a 24-byte random
// nonce, then the ciphertext with its 16-byte tag, bound to associated data.
// Shared by the installation's Sealer (sealer.h) and the per-record keys
// (record_keys.h). Internal to records/.
//
// Thread safety: pure functions (randombytes is thread-safe).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "records/secret.h"

namespace esafety::records::aead {

inline constexpr size_t kKeyBytes = 32;

// Seals `size` bytes at `plain` under `key`, bound to `associated`.
std::string seal(const Secret& key, const uint8_t* plain, size_t size, std::string_view associated);
// The plain text's size for a sealed record (0 when too short to be one).
size_t plainSize(std::string_view sealed);
// Opens `sealed` into `out` (plainSize(sealed) bytes); false when it does not
// open: changed, bound to other associated data, or sealed under another key.
bool open(const Secret& key, std::string_view sealed, std::string_view associated, uint8_t* out);

}  // namespace esafety::records::aead
