// ConnectionCaps: how many connections the console listener holds open, in
// all and from one client address ([console] max_connections and
// max_connections_per_client). A connection over either cap is closed as
// soon as it is accepted, before anything is read from it, and counted.
//
//   ConnectionCaps caps(512, 32);
//   auto slot = caps.take("10.20.4.117");
//   if (!slot) { close(); return; }   // caps.lastRefusal() says which cap
//   ... serve; the slot gives its place back when it goes.
//
// Control thread only (the console's sessions all run there): no locking.
// Memory: one map entry per client address with a connection open.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace esafety::serve {

class ConnectionCaps {
 public:
  enum class Refusal { kNone, kTotal, kPerClient };

  // A place taken; released when destroyed. Must not outlive its caps.
  class Slot {
   public:
    Slot(Slot&& other) noexcept : caps_(other.caps_), client_(std::move(other.client_)) {
      other.caps_ = nullptr;
    }
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    ~Slot();

   private:
    friend class ConnectionCaps;
    Slot(ConnectionCaps* caps, std::string client) : caps_(caps), client_(std::move(client)) {}
    ConnectionCaps* caps_;
    std::string client_;
  };

  ConnectionCaps(uint32_t max_total, uint32_t max_per_client)
      : max_total_(max_total), max_per_client_(max_per_client) {}

  // nullopt: over a cap; lastRefusal() says which.
  std::optional<Slot> take(const std::string& client);
  Refusal lastRefusal() const { return last_refusal_; }
  uint32_t open() const { return open_; }
  uint32_t openFrom(const std::string& client) const;

 private:
  void release(const std::string& client);

  uint32_t max_total_;
  uint32_t max_per_client_;
  uint32_t open_ = 0;
  std::unordered_map<std::string, uint32_t> per_client_;
  Refusal last_refusal_ = Refusal::kNone;
};

}  // namespace esafety::serve
