#include "dns/cache.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace esafety::dns {

AnswerCache::AnswerCache(CacheOptions options)
    : options_(options), per_shard_((options.max_entries + kShards - 1) / kShards) {}

void AnswerCache::makeKey(const Name& name, uint16_t qtype, uint16_t qclass, std::string& key) {
  auto wire = name.wire();
  key.resize(wire.size() + 4);
  for (size_t i = 0; i < wire.size(); ++i) {
    uint8_t c = wire[i];
    key[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  store16(reinterpret_cast<uint8_t*>(&key[wire.size()]), qtype);
  store16(reinterpret_cast<uint8_t*>(&key[wire.size() + 2]), qclass);
}

AnswerCache::Shard& AnswerCache::shardFor(std::string_view key) {
  return shards_[std::hash<std::string_view>{}(key) % kShards];
}

int64_t AnswerCache::keepUntil(const Entry& e) const {
  return options_.serve_stale ? e.expires_ms + int64_t{options_.max_stale_s} * 1000 : e.expires_ms;
}

bool AnswerCache::lookup(std::string_view key, int64_t now_ms, Freshness freshness,
                         CachedCopy& out) {
  if (per_shard_ == 0) return false;
  Shard& shard = shardFor(key);
  MutexLock lock(shard.mutex);
  auto it = shard.index.find(key);
  if (it == shard.index.end()) return false;
  Entry& e = *it->second;
  if (now_ms >= keepUntil(e)) {
    auto node = it->second;
    shard.index.erase(it);
    shard.lru.erase(node);
    return false;
  }
  bool stale = now_ms >= e.expires_ms;
  if (stale && freshness != Freshness::kAllowStale) return false;
  shard.lru.splice(shard.lru.begin(), shard.lru, it->second);

  out.rcode = e.rcode;
  out.counts = e.counts;
  out.stale = stale;
  const uint8_t* records = e.data.get() + e.key_size;
  out.records.assign(records, records + e.records_size);
  // Count each TTL down by the time spent in the cache.
  uint32_t elapsed = static_cast<uint32_t>((now_ms - e.stored_ms) / 1000);
  const uint8_t* offsets = records + e.records_size;
  for (uint16_t i = 0; i < e.ttl_count; ++i) {
    uint16_t off;
    std::memcpy(&off, offsets + 2 * i, 2);
    uint8_t* ttl = out.records.data() + off;
    uint32_t original = load32(ttl);
    uint32_t left = stale ? options_.stale_ttl_s : (original > elapsed ? original - elapsed : 0);
    store32(ttl, left);
  }
  return true;
}

void AnswerCache::insert(std::string_view key, const Answer& answer, int64_t now_ms) {
  if (per_shard_ == 0 || answer.cache_ttl == 0 || answer.truncated) return;
  if (key.size() > UINT16_MAX || answer.records.size() > UINT16_MAX) return;
  Entry e;
  size_t offsets_size = answer.ttl_offsets.size() * 2;
  e.data = std::make_unique<uint8_t[]>(key.size() + answer.records.size() + offsets_size);
  // memcpy from an empty vector's null data() is undefined even for 0 bytes
  // (an answer with no records, such as NXDOMAIN; found by dns_message_fuzz).
  auto copy = [](uint8_t* to, const void* from, size_t size) {
    if (size != 0) std::memcpy(to, from, size);
  };
  copy(e.data.get(), key.data(), key.size());
  copy(e.data.get() + key.size(), answer.records.data(), answer.records.size());
  copy(e.data.get() + key.size() + answer.records.size(), answer.ttl_offsets.data(), offsets_size);
  e.key_size = static_cast<uint16_t>(key.size());
  e.records_size = static_cast<uint16_t>(answer.records.size());
  e.ttl_count = static_cast<uint16_t>(answer.ttl_offsets.size());
  e.rcode = answer.rcode;
  e.counts = answer.counts;
  e.stored_ms = now_ms;
  e.expires_ms = now_ms + int64_t{answer.cache_ttl} * 1000;

  Shard& shard = shardFor(key);
  MutexLock lock(shard.mutex);
  if (auto it = shard.index.find(key); it != shard.index.end()) {
    auto node = it->second;
    shard.index.erase(it);
    shard.lru.erase(node);
  }
  shard.lru.push_front(std::move(e));
  shard.index.emplace(shard.lru.front().key(), shard.lru.begin());
  while (shard.lru.size() > per_shard_) {
    shard.index.erase(shard.lru.back().key());
    shard.lru.pop_back();
  }
}

size_t AnswerCache::size() const {
  size_t n = 0;
  for (const auto& shard : shards_) {
    MutexLock lock(shard.mutex);
    n += shard.lru.size();
  }
  return n;
}

}  // namespace esafety::dns
