// Secret: bytes of key material kept in libsodium's guarded memory
// (sodium_malloc: not swapped out where the system allows, wiped when
// freed). Move-only.
//
//   Secret key(32);
//   randombytes_buf(key.data(), key.size());
//
// Thread safety: a plain value; const access from many threads is safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace esafety::records {

class Secret {
 public:
  explicit Secret(size_t size);
  ~Secret();
  Secret(Secret&& other) noexcept;
  Secret& operator=(Secret&& other) noexcept;
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// Calls sodium_init() once; aborts when the system has no entropy source.
void initSodium();

}  // namespace esafety::records
