#include "proxy/relay_buffer.h"

#include <vector>

namespace esafety::proxy {
namespace {

std::vector<std::unique_ptr<char[]>>& spare() {
  // Reserved up front, so that giving a buffer back never allocates.
  thread_local std::vector<std::unique_ptr<char[]>> buffers = [] {
    std::vector<std::unique_ptr<char[]>> v;
    v.reserve(RelayBuffer::kMaxSpare);
    return v;
  }();
  return buffers;
}

}  // namespace

RelayBuffer::RelayBuffer() {
  auto& buffers = spare();
  if (buffers.empty()) {
    bytes_.reset(new char[kSize]);
  } else {
    bytes_ = std::move(buffers.back());
    buffers.pop_back();
  }
}

RelayBuffer::~RelayBuffer() {
  auto& buffers = spare();
  if (bytes_ && buffers.size() < kMaxSpare) buffers.push_back(std::move(bytes_));
}

size_t RelayBuffer::spareOnThisThread() { return spare().size(); }

}  // namespace esafety::proxy
