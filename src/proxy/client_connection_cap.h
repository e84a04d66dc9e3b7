// Private to src/proxy: the per-address cap on open client connections
// (`[proxy] max_connections_per_client`). One device, or one piece of
// malware on it, must not take the connections every other device needs:
// the total cap (max_connections) would otherwise be one client's to use up.
// The accept loop takes a slot for the client's address before it spawns
// the session and moves it into the session; the slot gives its place back
// when the session's frame is gone, on whichever thread that is.
//
//   ClientConnectionCap cap(config.proxy.max_connections_per_client);
//   ClientSlot slot = cap.take(address_bytes);
//   if (!slot) refuse;   // the address already holds the cap
//   spawn the session with std::move(slot);
//
// Thread safety: take() and the slots' release may run on any thread.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <unordered_map>

#include "core/mutex.h"

namespace esafety::proxy {

class ClientConnectionCap;

// One open connection counted against its address; empty when refused.
class ClientSlot {
 public:
  ClientSlot() = default;
  ClientSlot(ClientSlot&& other) noexcept : cap_(other.cap_), key_(other.key_) { other.cap_ = nullptr; }
  ClientSlot& operator=(ClientSlot&&) = delete;
  ClientSlot(const ClientSlot&) = delete;
  ClientSlot& operator=(const ClientSlot&) = delete;
  ~ClientSlot();
  explicit operator bool() const { return cap_ != nullptr; }

 private:
  friend class ClientConnectionCap;
  using Key = std::array<uint8_t, 17>;  // the address's bytes, then its length
  ClientSlot(ClientConnectionCap* cap, const Key& key) : cap_(cap), key_(key) {}
  ClientConnectionCap* cap_ = nullptr;
  Key key_{};
};

class ClientConnectionCap {
 public:
  explicit ClientConnectionCap(uint32_t per_client) : per_client_(per_client) {}
  // A slot for `ip` (4 or 16 bytes), or an empty one when the address
  // already holds `per_client` connections.
  ClientSlot take(std::span<const uint8_t> ip) EXCLUDES(mutex_);
  // Connections open now from `ip` (for tests and diagnostics).
  uint32_t openFrom(std::span<const uint8_t> ip) const EXCLUDES(mutex_);

 private:
  friend class ClientSlot;
  using Key = ClientSlot::Key;
  struct KeyHash {
    size_t operator()(const Key& key) const {
      uint64_t a = 0, b = 0;
      std::memcpy(&a, key.data(), 8);
      std::memcpy(&b, key.data() + 8, 8);
      return static_cast<size_t>(a * 0x9E3779B97F4A7C15ULL ^ (b + key[16]));
    }
  };
  static Key keyOf(std::span<const uint8_t> ip);
  void release(const Key& key) EXCLUDES(mutex_);

  const uint32_t per_client_;
  mutable Mutex mutex_;
  std::unordered_map<Key, uint32_t, KeyHash> open_ GUARDED_BY(mutex_);
};

}  // namespace esafety::proxy
