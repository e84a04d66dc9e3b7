#include "identity/client_bindings.h"

#include <arpa/inet.h>

#include <algorithm>

namespace esafety::identity {
namespace {

constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

std::span<const uint8_t> unmapped(std::span<const uint8_t> address) {
  if (address.size() == 16 && std::equal(kMapped, kMapped + 12, address.begin())) {
    return address.subspan(12);
  }
  return address;
}

}  // namespace

std::string addressText(std::span<const uint8_t> address) {
  char text[INET6_ADDRSTRLEN] = {};
  address = unmapped(address);
  if (address.size() == 4) {
    if (!inet_ntop(AF_INET, address.data(), text, sizeof text)) return "";
  } else if (address.size() == 16) {
    if (!inet_ntop(AF_INET6, address.data(), text, sizeof text)) return "";
  } else {
    return "";
  }
  return text;
}

std::optional<AddressKey> AddressKey::of(std::span<const uint8_t> address) {
  address = unmapped(address);
  if (address.size() != 4 && address.size() != 16) return std::nullopt;
  AddressKey key;
  key.size = static_cast<uint8_t>(address.size());
  std::copy(address.begin(), address.end(), key.bytes.begin());
  return key;
}

std::optional<AddressKey> AddressKey::parse(std::string_view text) {
  char buffer[INET6_ADDRSTRLEN] = {};
  if (text.empty() || text.size() >= sizeof buffer) return std::nullopt;
  std::copy(text.begin(), text.end(), buffer);
  std::array<uint8_t, 16> bytes{};
  if (inet_pton(AF_INET, buffer, bytes.data()) == 1) return of(std::span(bytes.data(), 4));
  if (inet_pton(AF_INET6, buffer, bytes.data()) == 1) return of(std::span(bytes.data(), 16));
  return std::nullopt;
}

size_t AddressKeyHash::operator()(const AddressKey& k) const {
  // FNV-1a over the address bytes.
  uint64_t h = 1469598103934665603ull ^ k.size;
  for (size_t i = 0; i < k.size; ++i) h = (h ^ k.bytes[i]) * 1099511628211ull;
  return static_cast<size_t>(h);
}

Status ClientBindings::put(ClientBinding binding) {
  auto key = AddressKey::parse(binding.client_ip);
  if (!key) return invalidArgument("'" + binding.client_ip + "' is not an IP address");
  WriterLock lock(mutex_);
  auto it = by_address_.find(*key);
  if (it != by_address_.end()) {
    it->second = std::move(binding);
    return Status::ok();
  }
  if (by_address_.size() >= max_entries_) {
    return Status(StatusCode::kResourceExhausted, "too many devices are signed in; try again later");
  }
  by_address_.emplace(*key, std::move(binding));
  count_.store(by_address_.size(), std::memory_order_release);
  return Status::ok();
}

std::optional<ClientBinding> ClientBindings::find(std::string_view client_ip, int64_t now) const {
  auto key = AddressKey::parse(client_ip);
  if (!key) return std::nullopt;
  std::optional<ClientBinding> out;
  visit(std::span(key->bytes.data(), key->size), now, [&](const ClientBinding& b) { out = b; });
  return out;
}

std::optional<ClientBinding> ClientBindings::remove(std::string_view client_ip) {
  auto key = AddressKey::parse(client_ip);
  if (!key) return std::nullopt;
  WriterLock lock(mutex_);
  auto it = by_address_.find(*key);
  if (it == by_address_.end()) return std::nullopt;
  ClientBinding out = std::move(it->second);
  by_address_.erase(it);
  count_.store(by_address_.size(), std::memory_order_release);
  return out;
}

std::vector<ClientBinding> ClientBindings::takeExpired(int64_t now) {
  WriterLock lock(mutex_);
  std::vector<ClientBinding> out;
  for (auto it = by_address_.begin(); it != by_address_.end();) {
    if (now >= it->second.expires_at) {
      out.push_back(std::move(it->second));
      it = by_address_.erase(it);
    } else {
      ++it;
    }
  }
  count_.store(by_address_.size(), std::memory_order_release);
  return out;
}

void ClientBindings::replaceAll(std::vector<ClientBinding> bindings) {
  WriterLock lock(mutex_);
  by_address_.clear();
  for (auto& b : bindings) {
    if (by_address_.size() >= max_entries_) break;
    if (auto key = AddressKey::parse(b.client_ip)) by_address_.emplace(*key, std::move(b));
  }
  count_.store(by_address_.size(), std::memory_order_release);
}

size_t ClientBindings::size() const {
  ReaderLock lock(mutex_);
  return by_address_.size();
}

}  // namespace esafety::identity
