// ClientBindings: which client addresses are signed in to browse (the
// captive portal), held in memory for the proxy to consult on every request.
// SignInDesk (sign_in.h) writes it and keeps the store's copy in step, so a
// restart restores the table.
//
//   ClientBindings table;
//   table.put({.client_ip = "10.20.4.117", .person = 12, .person_name = "Year 3 login",
//              .group = "KS2", .bound_at = now, .expires_at = now + 5400});
//   if (auto b = table.find(addressText(peer_bytes), clock.nowUnix())) ... b->group
//
// Thread safety: every method is safe from any thread at once (one
// shared_mutex; lookups take it shared). Memory is bounded: put() refuses a
// new address past `max_entries`.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "identity/model.h"

namespace esafety::identity {

// The canonical text of an address (4 or 16 bytes, network order):
// "10.20.4.117", "fd00::5"; IPv4-mapped IPv6 is written as IPv4, so a
// dual-stack listener and the portal agree. "" for any other length.
std::string addressText(std::span<const uint8_t> address);

class ClientBindings {
 public:
  explicit ClientBindings(size_t max_entries = 65536) : max_entries_(max_entries) {}

  // Binds (or re-binds) binding.client_ip. kResourceExhausted when the table
  // is full and the address is new.
  Status put(ClientBinding binding);
  // The address's binding when it has one that has not expired at `now`.
  std::optional<ClientBinding> find(std::string_view client_ip, int64_t now) const;
  // Removes and returns the address's binding, expired or not.
  std::optional<ClientBinding> remove(std::string_view client_ip);
  // Removes and returns every binding expired at `now`.
  std::vector<ClientBinding> takeExpired(int64_t now);
  // Replaces the whole table (start-up, from the store).
  void replaceAll(std::vector<ClientBinding> bindings);
  size_t size() const;

 private:
  const size_t max_entries_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, ClientBinding> by_ip_;  // guarded by mutex_
};

}  // namespace esafety::identity
