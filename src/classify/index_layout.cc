#include "classify/index_layout.h"

#include <algorithm>

namespace esafety::classify {

HashTable buildHashTable(const std::vector<uint64_t>& keys, const std::vector<uint64_t>* payloads) {
  HashTable t;
  uint64_t n = keys.size();
  t.meta.entries = n;
  t.meta.home_slots = std::max<uint64_t>(1, n + n / 4);
  std::vector<uint64_t> positions(n);
  uint64_t next_free = 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t pos = std::max(format::homeSlot(keys[i], t.meta.home_slots), next_free);
    positions[i] = pos;
    next_free = pos + 1;
  }
  // Always at least one empty slot after the last entry.
  t.meta.total_slots = std::max(t.meta.home_slots, next_free) + 1;
  const uint64_t stride = payloads ? 2 : 1;
  t.slots.assign(t.meta.total_slots * stride, 0);
  for (uint64_t i = 0; i < n; ++i) {
    t.slots[positions[i] * stride] = keys[i];
    if (payloads) t.slots[positions[i] * stride + 1] = (*payloads)[i];
  }
  return t;
}

namespace {
uint64_t alignUp(uint64_t v) { return (v + format::kAlign - 1) / format::kAlign * format::kAlign; }
}  // namespace

LayoutWriter::LayoutWriter() {
  std::memcpy(header_.magic, format::kMagic, sizeof header_.magic);
  header_.version = format::kVersion;
  header_.header_size = sizeof(format::FileHeader);
  buffer_.assign(alignUp(sizeof(format::FileHeader)), '\0');
}

void LayoutWriter::putBytes(format::Section section, std::string_view bytes) {
  buffer_.resize(alignUp(buffer_.size()), '\0');
  header_.sections[section] = {buffer_.size(), bytes.size()};
  buffer_.append(bytes);
}

std::string LayoutWriter::finish() {
  buffer_.resize(alignUp(buffer_.size()), '\0');
  header_.file_size = buffer_.size();
  uint64_t start = alignUp(sizeof(format::FileHeader));
  header_.checksum = XXH3_64bits(buffer_.data() + start, buffer_.size() - start);
  std::memcpy(buffer_.data(), &header_, sizeof header_);
  return std::move(buffer_);
}

}  // namespace esafety::classify
