// The on-disk layout of a compiled category index (private to classify/).
//
// File = FileHeader, then sections, each 64-byte aligned. All integers are
// little-endian, native layout (the file is built and read on the same box).
//
// Hash tables ("sorted open addressing"): `total_slots` slots, each a u64
// fingerprint (0 = empty) followed, in tables that have them, by its u64
// payload, so a hit costs one cache line, not two. Entries are placed in
// ascending fingerprint order, each at max(home(key), previous + 1), where
// home(key) = (key * home_slots) >> 64 is monotonic in the key. So a lookup
// starts at home(key) and scans forward over a short run: it stops at an
// empty slot or a larger key. Equal keys (one name in several categories) sit
// side by side. The last slot is always empty, so no scan runs off the end.
//
// Payload bits: 0-15 category id, 16-31 source id, 32-62 line, 63 exception.
#pragma once

#include <cstdint>
#include <string_view>

#include <xxhash.h>

namespace esafety::classify::format {

inline constexpr char kMagic[8] = {'E', 'S', 'I', 'D', 'X', '0', '1', '\n'};
inline constexpr uint32_t kVersion = 3;
inline constexpr uint64_t kAlign = 64;

enum Section : uint32_t {
  kDomainSlots,  // {key, payload} pairs
  kUrlSlots,     // {key, payload} pairs
  kUrlHostKeys,  // keys only: the hosts that have URL entries
  kDomainFilter, // blocked Bloom filter over the domain keys (64-byte blocks)
  kCidr4,
  kCidr6,
  kExpressionPayloads,
  kExpressionDatabase,
  kExpressionPatterns,  // NUL-terminated patterns, in expression id order
  kCategoryNames,  // NUL-terminated names, in id order
  kSourceNames,    // NUL-terminated paths, in id order
  kSectionCount,
};

struct SectionRef {
  uint64_t offset = 0;
  uint64_t size = 0;
};

struct TableMeta {
  uint64_t home_slots = 0;
  uint64_t total_slots = 0;
  uint64_t entries = 0;
};

struct FileHeader {
  char magic[8];
  uint32_t version;
  uint32_t header_size;
  uint64_t file_size;
  uint64_t checksum;  // XXH3-64 of every byte after the header
  TableMeta domains;
  TableMeta urls;
  TableMeta url_hosts;
  uint64_t domain_filter_blocks;  // 64-byte blocks in kDomainFilter
  uint64_t cidr4_count;
  uint64_t cidr6_count;
  uint64_t expression_count;
  uint64_t category_count;
  uint64_t source_count;
  SectionRef sections[kSectionCount];
};

struct Cidr4Record {
  uint32_t network;  // host byte order, masked
  uint8_t prefix;
  uint8_t pad[3];
  uint64_t payload;
};
static_assert(sizeof(Cidr4Record) == 16);

struct Cidr6Record {
  uint8_t network[16];  // masked
  uint8_t prefix;
  uint8_t pad[7];
  uint64_t payload;
};
static_assert(sizeof(Cidr6Record) == 32);

inline uint64_t fingerprint(std::string_view s) {
  uint64_t h = XXH3_64bits(s.data(), s.size());
  return h == 0 ? 1 : h;
}
// A second, independent hash used only at build time to detect two different
// names that share a fingerprint.
inline uint32_t checkHash(std::string_view s) {
  return static_cast<uint32_t>(XXH3_64bits_withSeed(s.data(), s.size(), 0x9E3779B97F4A7C15ull));
}

__extension__ typedef unsigned __int128 Uint128;  // GCC and clang; -Wpedantic wants the marker

inline uint64_t homeSlot(uint64_t key, uint64_t home_slots) {
  return static_cast<uint64_t>((static_cast<Uint128>(key) * home_slots) >> 64);
}

// The domain filter: one 64-byte block per key, three bits set in it. Most
// names a lookup asks about are not in the index, and the filter answers
// "not here" without touching the large table in main memory. It is sized at
// 5 bits per entry (about 3 MB for 5 million entries, ~10% false positives)
// so that it stays in the CPU's last-level cache: measured here, a random
// read costs ~60 ns within 4 MB but ~200-400 ns beyond 8 MB.
inline constexpr uint64_t kFilterBitsPerEntry = 5;
inline constexpr int kFilterBitsPerKey = 3;
inline uint64_t filterMix(uint64_t key) { return key * 0x9E3779B97F4A7C15ull; }
inline uint64_t filterBlock(uint64_t key, uint64_t blocks) {
  return homeSlot(filterMix(key), blocks);
}
inline void filterSet(uint64_t* block, uint64_t key) {
  uint64_t h = filterMix(key);
  for (int i = 0; i < kFilterBitsPerKey; ++i) {
    uint64_t bit = (h >> (i * 9)) & 511;
    block[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
}
inline bool filterTest(const uint64_t* block, uint64_t key) {
  uint64_t h = filterMix(key);
  bool all = true;
  for (int i = 0; i < kFilterBitsPerKey; ++i) {
    uint64_t bit = (h >> (i * 9)) & 511;
    all &= (block[bit >> 6] >> (bit & 63)) & 1;
  }
  return all;
}

inline uint64_t makePayload(uint16_t category, uint16_t source, uint32_t line, bool exception) {
  return uint64_t{category} | (uint64_t{source} << 16) | (uint64_t{line & 0x7FFFFFFFu} << 32) |
         (uint64_t{exception} << 63);
}
inline uint16_t payloadCategory(uint64_t p) { return static_cast<uint16_t>(p); }
inline uint16_t payloadSource(uint64_t p) { return static_cast<uint16_t>(p >> 16); }
inline uint32_t payloadLine(uint64_t p) { return static_cast<uint32_t>(p >> 32) & 0x7FFFFFFFu; }
inline bool payloadException(uint64_t p) { return (p >> 63) != 0; }

}  // namespace esafety::classify::format
