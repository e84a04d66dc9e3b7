// AnswerCache: upstream answers by (name, type, class), shared by every
// worker, honouring TTLs (positive and negative, as Answer::cache_ttl says),
// bounded in entries with LRU eviction per shard, and optionally keeping
// expired answers for serve-stale (RFC 8767): when every upstream fails, a
// stale answer goes out with a 30-second TTL instead of SERVFAIL.
//
//   AnswerCache cache({.max_entries = 100000, .serve_stale = true});
//   std::string key;
//   AnswerCache::makeKey(query.name, query.qtype, query.qclass, key);
//   CachedCopy hit;
//   if (cache.lookup(key, now_ms, Freshness::kFreshOnly, hit)) answerFrom(hit);
//   ...
//   cache.insert(key, answer, now_ms);
//
// Time is the caller's monotonic milliseconds (tests pass their own), so the
// cache never reads a clock. Memory: each entry holds its key and normalised
// records in one allocation plus a list node and a hash slot.
//
// Threads: every method is safe from any thread. The cache is split into 16
// shards, each behind its own mutex (LockGuarded-style: the data is only
// reachable through Shard's lock), so two workers rarely meet.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/mutex.h"
#include "dns/answer.h"
#include "dns/name.h"

namespace esafety::dns {

// A copy of a cached answer with TTLs already counted down.
struct CachedCopy {
  uint8_t rcode = 0;
  std::array<uint16_t, 3> counts{};
  std::vector<uint8_t> records;  // reused across lookups: no allocation once warm
  bool stale = false;
};

enum class Freshness : uint8_t { kFreshOnly, kAllowStale };

struct CacheOptions {
  size_t max_entries = 100000;  // 0 disables the cache
  bool serve_stale = false;
  uint32_t stale_ttl_s = 30;         // TTL on a stale answer (RFC 8767 §4)
  uint32_t max_stale_s = 86400;      // how long past expiry an answer may be kept
};

class AnswerCache {
 public:
  explicit AnswerCache(CacheOptions options);
  AnswerCache(const AnswerCache&) = delete;
  AnswerCache& operator=(const AnswerCache&) = delete;

  // key = lower-case wire name + type + class.
  static void makeKey(const Name& name, uint16_t qtype, uint16_t qclass, std::string& key);

  // True and `out` filled when a usable entry exists. Stale entries are only
  // returned for kAllowStale (and only when serve_stale is on).
  bool lookup(std::string_view key, int64_t now_ms, Freshness freshness, CachedCopy& out);
  // Stores `answer` if its cache_ttl > 0 (replacing an older entry).
  void insert(std::string_view key, const Answer& answer, int64_t now_ms);

  size_t size() const;
  const CacheOptions& options() const { return options_; }

 private:
  struct Entry {
    std::unique_ptr<uint8_t[]> data;  // key, records, ttl offsets (uint16 each)
    uint16_t key_size = 0;
    uint16_t records_size = 0;
    uint16_t ttl_count = 0;
    uint8_t rcode = 0;
    std::array<uint16_t, 3> counts{};
    int64_t stored_ms = 0;
    int64_t expires_ms = 0;
    std::string_view key() const {
      return {reinterpret_cast<const char*>(data.get()), key_size};
    }
  };
  struct Shard {
    mutable Mutex mutex;
    std::list<Entry> lru GUARDED_BY(mutex);  // front = most recently used
    std::unordered_map<std::string_view, std::list<Entry>::iterator> index GUARDED_BY(mutex);
  };
  static constexpr size_t kShards = 16;

  Shard& shardFor(std::string_view key);
  int64_t keepUntil(const Entry& e) const;

  CacheOptions options_;
  size_t per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace esafety::dns
