// Building blocks for writing a compiled index (private to classify/):
// the sorted open-addressing hash table and the section writer.
#pragma once

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "classify/index_format.h"

namespace esafety::classify {

struct HashTable {
  format::TableMeta meta;
  std::vector<uint64_t> slots;  // key (0 = empty), then payload when the table has them
};

// `keys` must be sorted ascending and non-zero; `payloads` is parallel to it,
// or null for a table of keys only. Load factor 0.8 over the home slots.
HashTable buildHashTable(const std::vector<uint64_t>& keys, const std::vector<uint64_t>* payloads);

// Lays out the header and 64-byte-aligned sections into one buffer.
class LayoutWriter {
 public:
  LayoutWriter();
  format::FileHeader& header() { return header_; }
  void putBytes(format::Section section, std::string_view bytes);
  template <typename T>
  void putVector(format::Section section, const std::vector<T>& v) {
    putBytes(section, std::string_view(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)));
  }
  // Fills in size and checksum and returns the whole file.
  std::string finish();

 private:
  format::FileHeader header_{};
  std::string buffer_;
};

}  // namespace esafety::classify
