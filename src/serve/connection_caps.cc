#include "serve/connection_caps.h"

namespace esafety::serve {

ConnectionCaps::Slot::~Slot() {
  if (caps_ != nullptr) caps_->release(client_);
}

std::optional<ConnectionCaps::Slot> ConnectionCaps::take(const std::string& client) {
  if (open_ >= max_total_) {
    last_refusal_ = Refusal::kTotal;
    return std::nullopt;
  }
  uint32_t& from_client = per_client_[client];
  if (from_client >= max_per_client_) {
    last_refusal_ = Refusal::kPerClient;
    return std::nullopt;
  }
  ++from_client;
  ++open_;
  last_refusal_ = Refusal::kNone;
  return Slot(this, client);
}

uint32_t ConnectionCaps::openFrom(const std::string& client) const {
  auto it = per_client_.find(client);
  return it == per_client_.end() ? 0 : it->second;
}

void ConnectionCaps::release(const std::string& client) {
  auto it = per_client_.find(client);
  if (it != per_client_.end() && --it->second == 0) per_client_.erase(it);
  --open_;
}

}  // namespace esafety::serve
