#include "tls/leaf_cache.h"

#include <algorithm>
#include <vector>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "core/file_system.h"
#include "tls/secret_file.h"

namespace esafety::tls {

LeafCache::LeafCache(const LeafMinter& minter, std::string disk_dir, size_t capacity,
                     const Clock& clock, LeafCacheStats& stats, size_t disk_capacity)
    : minter_(minter), disk_dir_(std::move(disk_dir)), capacity_(std::max<size_t>(capacity, 1)),
      clock_(clock), stats_(stats), disk_capacity_(std::max<size_t>(disk_capacity, 1)) {
  if (!disk_dir_.empty()) {
    Status made = makePrivateDirectory(disk_dir_);
    if (!made) spdlog::warn("leaf certificates will not be kept on disk: {}", made.message());
    MutexLock lock(disk_mutex_);
    disk_files_ = countDisk();
    if (disk_files_ > disk_capacity_) pruneDisk();
  }
}

size_t LeafCache::diskFiles() const {
  MutexLock lock(disk_mutex_);
  return disk_files_;
}

size_t LeafCache::countDisk() const {
  std::error_code ec;
  size_t n = 0;
  for (std::filesystem::directory_iterator it(disk_dir_, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".pem") ++n;
  }
  return n;
}

void LeafCache::pruneDisk() {
  // Oldest written first; keep nine tenths of the capacity.
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> files;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(disk_dir_, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".pem") continue;
    std::error_code time_ec;
    auto written = it->last_write_time(time_ec);
    if (!time_ec) files.emplace_back(written, it->path());
  }
  const size_t keep = disk_capacity_ - disk_capacity_ / 10;
  size_t removed = 0;
  if (files.size() > keep) {
    std::sort(files.begin(), files.end());
    for (size_t i = 0; i < files.size() - keep; ++i) {
      std::error_code remove_ec;
      if (std::filesystem::remove(files[i].second, remove_ec)) ++removed;
    }
  }
  disk_files_ = files.size() - removed;
  stats_.disk_pruned.fetch_add(removed, std::memory_order_relaxed);
}

Result<X509Ptr> LeafCache::get(std::string_view host) {
  const int64_t now = clock_.nowUnix();
  {
    MutexLock lock(mutex_);
    auto it = index_.find(std::string(host));
    if (it != index_.end() && it->second->renew_at > now) {
      lru_.splice(lru_.begin(), lru_, it->second);
      stats_.hits.fetch_add(1, std::memory_order_relaxed);
      return shareCertificate(it->second->cert.get());
    }
  }
  stats_.misses.fetch_add(1, std::memory_order_relaxed);
  if (X509Ptr stored = readDisk(host, now)) {
    stats_.disk_hits.fetch_add(1, std::memory_order_relaxed);
    X509Ptr out = shareCertificate(stored.get());
    insert(host, std::move(stored));
    return out;
  }
  auto minted = minter_.mint(host, now);
  if (!minted) {
    stats_.mint_failures.fetch_add(1, std::memory_order_relaxed);
    return minted.status();
  }
  stats_.minted.fetch_add(1, std::memory_order_relaxed);
  writeDisk(host, minted->get());
  X509Ptr out = shareCertificate(minted->get());
  insert(host, std::move(*minted));
  return out;
}

void LeafCache::insert(std::string_view host, X509Ptr cert) {
  int64_t renew_at = asn1TimeToUnix(X509_get0_notAfter(cert.get())) - LeafMinter::kRenewBefore;
  MutexLock lock(mutex_);
  std::string key(host);
  if (auto it = index_.find(key); it != index_.end()) {
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.push_front({key, std::move(cert), renew_at});
  index_[key] = lru_.begin();
  while (lru_.size() > capacity_) {
    index_.erase(lru_.back().host);
    lru_.pop_back();
  }
}

size_t LeafCache::size() const {
  MutexLock lock(mutex_);
  return lru_.size();
}

std::string LeafCache::diskPath(std::string_view host) const {
  if (disk_dir_.empty() || host.empty() || host.size() > 253 || host.front() == '.') return {};
  std::string name;
  for (char c : host) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_') {
      name += c;
    } else if (c == ':') {
      name += '_';  // IPv6 literals
    } else {
      return {};
    }
  }
  return disk_dir_ + "/" + name + ".pem";
}

X509Ptr LeafCache::readDisk(std::string_view host, int64_t now) const {
  std::string path = diskPath(host);
  if (path.empty()) return nullptr;
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream text;
  text << in.rdbuf();
  auto cert = parsePemCertificate(text.str());
  if (!cert || !minter_.reusable(cert->get(), host, now)) return nullptr;
  return std::move(*cert);
}

void LeafCache::writeDisk(std::string_view host, X509* cert) {
  std::string path = diskPath(host);
  if (path.empty()) return;
  // Public certificates, written whole or not at all; no fsync, since losing
  // one costs only a mint, and this runs on a data-plane thread.
  Status written = writeSecretFile(path, toPem(cert), /*sync=*/false);
  if (!written) {
    spdlog::warn("could not keep the certificate for {}: {}", host, written.message());
    return;
  }
  MutexLock lock(disk_mutex_);
  if (++disk_files_ > disk_capacity_) pruneDisk();
}

}  // namespace esafety::tls
