// ClientBindings: which client addresses are signed in to browse (the
// captive portal), held in memory for the data plane to consult on every
// request and DNS query. SignInDesk (sign_in.h) writes it and keeps the
// store's copy in step, so a restart restores the table.
//
//   ClientBindings table;
//   table.put({.client_ip = "10.20.4.117", .person = 12, .person_name = "Year 3 login",
//              .group = "KS2", .bound_at = now, .expires_at = now + 5400});
//   // the data plane (IdentityResolver): no allocation, a shared lock
//   table.visit(peer_bytes, now, [&](const ClientBinding& b) { use(b.person, b.group); });
//   // anyone else: a copy
//   if (auto b = table.find("10.20.4.117", now)) ... b->group
//
// The table is keyed by the address's bytes (IPv4-mapped IPv6 as IPv4), so a
// lookup from a socket's address needs no text and no allocation.
//
// Thread safety: every method is safe from any thread at once. One
// shared_mutex: lookups take it shared, and an empty table (a school without
// the portal) is answered from an atomic count without touching the lock.
// Memory is bounded: put() refuses a new address past `max_entries`.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/mutex.h"
#include "core/status.h"
#include "identity/model.h"

namespace esafety::identity {

// The canonical text of an address (4 or 16 bytes, network order):
// "10.20.4.117", "fd00::5"; IPv4-mapped IPv6 is written as IPv4, so a
// dual-stack listener and the portal agree. "" for any other length.
std::string addressText(std::span<const uint8_t> address);

// An address as a fixed-size key: 4 or 16 bytes, IPv4-mapped IPv6 as IPv4.
struct AddressKey {
  std::array<uint8_t, 16> bytes{};
  uint8_t size = 0;
  bool operator==(const AddressKey&) const = default;

  // nullopt for a length other than 4 or 16, or text that is no address.
  static std::optional<AddressKey> of(std::span<const uint8_t> address);
  static std::optional<AddressKey> parse(std::string_view text);
};
struct AddressKeyHash {
  size_t operator()(const AddressKey& key) const;
};

class ClientBindings {
 public:
  explicit ClientBindings(size_t max_entries = 65536) : max_entries_(max_entries) {}

  // Binds (or re-binds) binding.client_ip. kResourceExhausted when the table
  // is full and the address is new; kInvalidArgument when client_ip is not
  // an address.
  Status put(ClientBinding binding);
  // Calls use(const ClientBinding&) with the address's binding when it has
  // one that has not expired at `now`, under the shared lock (so `use` must
  // not call back into the table), and says whether it did. Allocates nothing.
  template <class Use>
  bool visit(std::span<const uint8_t> address, int64_t now, Use&& use) const {
    if (count_.load(std::memory_order_acquire) == 0) return false;
    auto key = AddressKey::of(address);
    if (!key) return false;
    ReaderLock lock(mutex_);
    auto it = by_address_.find(*key);
    if (it == by_address_.end() || now >= it->second.expires_at) return false;
    use(it->second);
    return true;
  }
  // The address's binding when it has one that has not expired at `now`.
  std::optional<ClientBinding> find(std::string_view client_ip, int64_t now) const;
  // Removes and returns the address's binding, expired or not.
  std::optional<ClientBinding> remove(std::string_view client_ip);
  // Removes and returns every binding expired at `now`.
  std::vector<ClientBinding> takeExpired(int64_t now);
  // Replaces the whole table (start-up, from the store); a binding whose
  // address does not parse is left out.
  void replaceAll(std::vector<ClientBinding> bindings);
  size_t size() const;

 private:
  const size_t max_entries_;
  mutable SharedMutex mutex_;
  std::unordered_map<AddressKey, ClientBinding, AddressKeyHash> by_address_ GUARDED_BY(mutex_);
  std::atomic<size_t> count_{0};  // by_address_.size(), written under mutex_
};

}  // namespace esafety::identity
