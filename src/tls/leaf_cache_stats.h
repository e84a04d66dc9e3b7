// Counters the leaf cache (leaf_cache.h) keeps, for /metrics. Plain
// atomics, updated from any thread; no OpenSSL here, so the metrics code can
// include it cheaply.
#pragma once

#include <atomic>
#include <cstdint>

namespace esafety::tls {

struct LeafCacheStats {
  std::atomic<uint64_t> hits{0};           // found in memory
  std::atomic<uint64_t> disk_hits{0};      // read back from disk (counted as misses too)
  std::atomic<uint64_t> misses{0};         // not in memory
  std::atomic<uint64_t> minted{0};
  std::atomic<uint64_t> mint_failures{0};
  std::atomic<uint64_t> disk_pruned{0};    // leaf files removed to keep the disk cache in bounds
};

}  // namespace esafety::tls
