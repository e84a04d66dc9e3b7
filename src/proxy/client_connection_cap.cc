#include "proxy/client_connection_cap.h"

#include <algorithm>

namespace esafety::proxy {

ClientSlot::~ClientSlot() {
  if (cap_ != nullptr) cap_->release(key_);
}

ClientConnectionCap::Key ClientConnectionCap::keyOf(std::span<const uint8_t> ip) {
  Key key{};
  const size_t n = std::min<size_t>(ip.size(), 16);
  std::copy_n(ip.begin(), n, key.begin());
  key[16] = static_cast<uint8_t>(n);
  return key;
}

ClientSlot ClientConnectionCap::take(std::span<const uint8_t> ip) {
  Key key = keyOf(ip);
  MutexLock lock(mutex_);
  uint32_t& open = open_[key];
  if (open >= per_client_) {
    if (open == 0) open_.erase(key);
    return {};
  }
  ++open;
  return ClientSlot(this, key);
}

uint32_t ClientConnectionCap::openFrom(std::span<const uint8_t> ip) const {
  Key key = keyOf(ip);
  MutexLock lock(mutex_);
  auto it = open_.find(key);
  return it == open_.end() ? 0 : it->second;
}

void ClientConnectionCap::release(const Key& key) {
  MutexLock lock(mutex_);
  auto it = open_.find(key);
  if (it == open_.end()) return;
  if (--it->second == 0) open_.erase(it);
}

}  // namespace esafety::proxy
