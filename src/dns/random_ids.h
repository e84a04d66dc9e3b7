// RandomIds: unpredictable 16-bit query ids for upstream queries (RFC 5452:
// with random source ports, what makes spoofed answers impractical). Draws
// from the kernel's CSPRNG (getrandom) in blocks of 512 bytes, so the hot
// path is an array read.
//
//   RandomIds ids;          // one per worker thread
//   uint16_t id = ids.next();
//
// Tests replace the source through the constructor's seam.
// Thread-compatible: one per thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

namespace esafety::dns {

class RandomIds {
 public:
  using Source = std::function<void(std::span<uint8_t>)>;
  RandomIds();  // getrandom(2)
  explicit RandomIds(Source source) : source_(std::move(source)) {}
  uint16_t next();

 private:
  Source source_;
  std::array<uint8_t, 512> pool_{};
  size_t used_ = 512;
};

}  // namespace esafety::dns
