// Private to src/proxy: what one request did, gathered as it goes and turned
// into one events::Event at the end (DESIGN.md §3.7).
#pragma once

#include <chrono>
#include <span>
#include <string>

#include "events/event.h"
#include "policy/snapshot.h"

namespace esafety::proxy {

struct ProxyShared;

class RequestRecord {
 public:
  RequestRecord(ProxyShared& shared, std::span<const uint8_t> client_ip);

  events::Event& event() { return event_; }
  uint64_t reference() const { return event_.reference; }
  void setIdentity(const policy::ClientIdentity& id);
  void setDecision(const policy::Snapshot& snapshot, const policy::Decision& decision);
  // Adds a label to the event's tags ("self-harm", "circumvention"), once.
  void addTag(std::string_view tag);
  // Pushes the event (never blocks; a full queue is counted).
  void finish(uint16_t status, uint64_t bytes_in, uint64_t bytes_out);

 private:
  ProxyShared& shared_;
  events::Event event_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  bool finished_ = false;
};

// A fresh event reference, unique on this node: the node number, the start
// time and a counter.
uint64_t nextReference(ProxyShared& shared);

}  // namespace esafety::proxy
