// PerAddressLimit: at most `limit` actions a minute from one client address
// (a fixed one-minute window per address). The block page's buttons use it,
// 10 a minute, so one device cannot flood the inbox.
//
//   PerAddressLimit limit(10, 60);
//   if (!limit.allow("10.20.4.117", clock.nowUnix())) return tooMany();
//
// Memory is bounded: past `max_addresses` the windows that have ended are
// dropped; if every one is still running, new addresses are refused until
// one ends (a flood from that many addresses gets nothing more through).
// Not thread-safe: the console's one thread uses it.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace esafety::serve {

class PerAddressLimit {
 public:
  PerAddressLimit(uint32_t limit, int64_t window_s, size_t max_addresses = 10000)
      : limit_(limit), window_s_(window_s), max_addresses_(max_addresses) {}

  // True, and counted, when `address` has had fewer than `limit` in its window.
  bool allow(const std::string& address, int64_t now);
  // Seconds until `address` may act again (0: now).
  int64_t retryAfter(const std::string& address, int64_t now) const;

 private:
  struct Window {
    int64_t start = 0;
    uint32_t count = 0;
  };
  uint32_t limit_;
  int64_t window_s_;
  size_t max_addresses_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace esafety::serve
