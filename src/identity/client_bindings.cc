#include "identity/client_bindings.h"

#include <arpa/inet.h>

#include <mutex>

namespace esafety::identity {

std::string addressText(std::span<const uint8_t> address) {
  char text[INET6_ADDRSTRLEN] = {};
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (address.size() == 16 && std::equal(kMapped, kMapped + 12, address.begin())) {
    address = address.subspan(12);
  }
  if (address.size() == 4) {
    if (!inet_ntop(AF_INET, address.data(), text, sizeof text)) return "";
  } else if (address.size() == 16) {
    if (!inet_ntop(AF_INET6, address.data(), text, sizeof text)) return "";
  } else {
    return "";
  }
  return text;
}

Status ClientBindings::put(ClientBinding binding) {
  std::unique_lock lock(mutex_);
  auto it = by_ip_.find(binding.client_ip);
  if (it != by_ip_.end()) {
    it->second = std::move(binding);
    return Status::ok();
  }
  if (by_ip_.size() >= max_entries_) {
    return Status(StatusCode::kResourceExhausted, "too many devices are signed in; try again later");
  }
  std::string key = binding.client_ip;
  by_ip_.emplace(std::move(key), std::move(binding));
  return Status::ok();
}

std::optional<ClientBinding> ClientBindings::find(std::string_view client_ip, int64_t now) const {
  std::shared_lock lock(mutex_);
  auto it = by_ip_.find(std::string(client_ip));
  if (it == by_ip_.end() || now >= it->second.expires_at) return std::nullopt;
  return it->second;
}

std::optional<ClientBinding> ClientBindings::remove(std::string_view client_ip) {
  std::unique_lock lock(mutex_);
  auto it = by_ip_.find(std::string(client_ip));
  if (it == by_ip_.end()) return std::nullopt;
  ClientBinding out = std::move(it->second);
  by_ip_.erase(it);
  return out;
}

std::vector<ClientBinding> ClientBindings::takeExpired(int64_t now) {
  std::unique_lock lock(mutex_);
  std::vector<ClientBinding> out;
  for (auto it = by_ip_.begin(); it != by_ip_.end();) {
    if (now >= it->second.expires_at) {
      out.push_back(std::move(it->second));
      it = by_ip_.erase(it);
    } else {
      ++it;
    }
  }
  return out;
}

void ClientBindings::replaceAll(std::vector<ClientBinding> bindings) {
  std::unique_lock lock(mutex_);
  by_ip_.clear();
  for (auto& b : bindings) {
    if (by_ip_.size() >= max_entries_) break;
    std::string key = b.client_ip;
    by_ip_.emplace(std::move(key), std::move(b));
  }
}

size_t ClientBindings::size() const {
  std::shared_lock lock(mutex_);
  return by_ip_.size();
}

}  // namespace esafety::identity
