#include "records/secret.h"

#include <sodium.h>

#include <cstdlib>
#include <utility>

namespace esafety::records {

void initSodium() {
  // sodium_init() fails only without an entropy source; sealing cannot be
  // done safely then, so stop loudly.
  if (sodium_init() < 0) std::abort();
}

Secret::Secret(size_t size) : size_(size) {
  initSodium();
  data_ = static_cast<uint8_t*>(sodium_malloc(size));
  if (data_ == nullptr) std::abort();  // out of memory for a few bytes
}

Secret::~Secret() {
  if (data_ != nullptr) sodium_free(data_);
}

Secret::Secret(Secret&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) sodium_free(data_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

}  // namespace esafety::records
