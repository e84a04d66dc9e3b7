// LeafCache: minted leaf certificates by host name, so a site's certificate
// is made once, not on every connection. Two levels:
//   - memory: an LRU of up to `capacity` leaves;
//   - disk: `<data>/tls/leaves/<host>.pem` (certificates only; all leaves
//     share the leaf key, see leaf_minter.h), so a restart does not re-mint
//     every site. A file is trusted only if LeafMinter::reusable() says so
//     (this CA, this key, this host, more than a day left). At most
//     `disk_capacity` files (`[tls] leaf_cache_files`): past it, the oldest
//     written are removed until a tenth of the room is free again, so the
//     folder is scanned once per tenth of the capacity minted, not per mint.
// Leaves near their end are minted again. Hits and misses are counted for
// the /metrics hit rate.
//
//   LeafCache cache(minter, paths.leavesDir(), 10000, clock, stats);
//   auto cert = cache.get("www.example.com");   // X509Ptr, shared reference
//
// Thread safety: get() may be called from any thread; the LRU is guarded by
// a mutex, minting and disk I/O happen outside it (two threads missing the
// same host at once may both mint; the second result wins).
#pragma once

#include <atomic>
#include <list>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "core/mutex.h"
#include "tls/leaf_cache_stats.h"
#include "tls/leaf_minter.h"

namespace esafety::tls {

class LeafCache {
 public:
  // `disk_dir` may be empty (memory only). `stats` must outlive the cache.
  LeafCache(const LeafMinter& minter, std::string disk_dir, size_t capacity, const Clock& clock,
            LeafCacheStats& stats, size_t disk_capacity = 50000);

  Result<X509Ptr> get(std::string_view host);

  size_t size() const;
  // Leaf files on disk, as last counted (exact after a prune).
  size_t diskFiles() const EXCLUDES(disk_mutex_);
  const LeafMinter& minter() const { return minter_; }

 private:
  struct Entry {
    std::string host;
    X509Ptr cert;
    int64_t renew_at;  // mint again from this time on
  };
  std::string diskPath(std::string_view host) const;  // empty when the name is unsafe as a file name
  X509Ptr readDisk(std::string_view host, int64_t now) const;
  void writeDisk(std::string_view host, X509* cert);
  void insert(std::string_view host, X509Ptr cert);
  size_t countDisk() const;
  void pruneDisk() REQUIRES(disk_mutex_);

  const LeafMinter& minter_;
  const std::string disk_dir_;
  const size_t capacity_;
  const Clock& clock_;
  LeafCacheStats& stats_;
  mutable Mutex mutex_;
  std::list<Entry> lru_ GUARDED_BY(mutex_);  // front = most recent
  std::unordered_map<std::string, std::list<Entry>::iterator> index_ GUARDED_BY(mutex_);
  const size_t disk_capacity_;
  mutable Mutex disk_mutex_;
  size_t disk_files_ GUARDED_BY(disk_mutex_) = 0;
};

}  // namespace esafety::tls
