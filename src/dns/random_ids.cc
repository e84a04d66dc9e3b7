#include "dns/random_ids.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdlib>

namespace esafety::dns {

RandomIds::RandomIds()
    : source_([](std::span<uint8_t> out) {
        size_t done = 0;
        while (done < out.size()) {
          ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
          if (n < 0 && errno == EINTR) continue;
          // getrandom cannot fail on Linux >= 3.17 once the pool is seeded;
          // predictable ids would be a security bug, so stop loudly.
          if (n <= 0) std::abort();
          done += static_cast<size_t>(n);
        }
      }) {}

uint16_t RandomIds::next() {
  if (used_ + 2 > pool_.size()) {
    source_(pool_);
    used_ = 0;
  }
  uint16_t id = static_cast<uint16_t>((pool_[used_] << 8) | pool_[used_ + 1]);
  used_ += 2;
  return id;
}

}  // namespace esafety::dns
