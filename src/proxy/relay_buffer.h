// RelayBuffer: the 64 KB a body is relayed through, reused from one request
// to the next on the same thread. A fresh 64 KB allocation per request was
// also a free of 64 KB per request, and glibc's free consolidates its whole
// heap for every chunk that size or larger (malloc_consolidate showed in
// the proxy's profile). Each thread keeps up to kMaxSpare spare buffers;
// a buffer goes back to the thread that destroys it. Private to src/proxy.
//
//   RelayBuffer piece;
//   parser.get().body().data = piece.data();
//   parser.get().body().size = RelayBuffer::kSize;
#pragma once

#include <cstddef>
#include <memory>

namespace esafety::proxy {

class RelayBuffer {
 public:
  static constexpr size_t kSize = 64 * 1024;
  static constexpr size_t kMaxSpare = 64;  // per thread: 4 MB at most

  RelayBuffer();
  ~RelayBuffer();
  RelayBuffer(const RelayBuffer&) = delete;
  RelayBuffer& operator=(const RelayBuffer&) = delete;

  char* data() { return bytes_.get(); }

  // Spare buffers held by the calling thread (for tests).
  static size_t spareOnThisThread();

 private:
  std::unique_ptr<char[]> bytes_;
};

}  // namespace esafety::proxy
