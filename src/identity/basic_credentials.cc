#include "identity/basic_credentials.h"

#include <sodium.h>

#include <cstring>

#include "core/text.h"

namespace esafety::identity {

std::optional<BasicCredentials> parseBasicCredentials(std::string_view header) {
  header = trim(header);
  if (header.size() < 6 || header.size() > 1024 || asciiLower(header.substr(0, 6)) != "basic ") {
    return std::nullopt;
  }
  std::string_view encoded = trim(header.substr(6));
  std::string decoded(encoded.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(),
                        encoded.data(), encoded.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  decoded.resize(length);
  size_t colon = decoded.find(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  return BasicCredentials{decoded.substr(0, colon), decoded.substr(colon + 1)};
}

CredentialCache::CredentialCache(int64_t ttl_s, size_t max_entries)
    : ttl_s_(ttl_s), max_entries_(max_entries) {
  if (sodium_init() < 0) std::abort();
  randombytes_buf(secret_.data(), secret_.size());
}

size_t CredentialCache::KeyHash::operator()(const Key& k) const {
  size_t h;
  std::memcpy(&h, k.data(), sizeof h);  // already a keyed hash: any 8 bytes do
  return h;
}

CredentialCache::Key CredentialCache::keyFor(std::string_view login,
                                             std::string_view password) const {
  // The login lower-cased (logins are case-insensitive), a NUL, the password.
  std::string message = asciiLower(login);
  message.push_back('\0');
  message.append(password);
  Key key;
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(message.data()),
                     message.size(), secret_.data(), secret_.size());
  sodium_memzero(message.data(), message.size());
  return key;
}

std::optional<VerifiedLogin> CredentialCache::find(std::string_view login,
                                                   std::string_view password, int64_t now) const {
  Key key = keyFor(login, password);
  MutexLock lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || now >= it->second.expires_at) return std::nullopt;
  return it->second.who;
}

void CredentialCache::put(std::string_view login, std::string_view password, VerifiedLogin who,
                          int64_t now) {
  Key key = keyFor(login, password);
  MutexLock lock(mutex_);
  if (entries_.size() >= max_entries_) {
    for (auto it = entries_.begin(); it != entries_.end();) {
      it = now >= it->second.expires_at ? entries_.erase(it) : std::next(it);
    }
    if (entries_.size() >= max_entries_) entries_.clear();  // bounded, whatever the traffic
  }
  entries_[key] = Entry{std::move(who), now + ttl_s_};
}

void CredentialCache::clear() {
  MutexLock lock(mutex_);
  entries_.clear();
}

size_t CredentialCache::size() const {
  MutexLock lock(mutex_);
  return entries_.size();
}

}  // namespace esafety::identity
