// Private to src/proxy: what one request did, gathered as it goes and turned
// into one events::Event at the end (DESIGN.md §3.7).
//
// Every request the proxy reads becomes exactly one event. The request's exit
// (request_exit.h) calls finish() with the status and byte counts; a record
// no one finished (the session was cancelled at shutdown, or an exception
// left the request) finishes itself in its destructor with status 0 and the
// bytes noted so far, so no path can lose the event. Belongs to one worker
// thread.
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
  ~RequestRecord();
  RequestRecord(const RequestRecord&) = delete;
  RequestRecord& operator=(const RequestRecord&) = delete;

  events::Event& event() { return event_; }
  const events::Event& event() const { return event_; }
  ProxyShared& shared() const { return shared_; }
  uint64_t reference() const { return event_.reference; }
  void setIdentity(const policy::ClientIdentity& id);
  void setDecision(const policy::Snapshot& snapshot, const policy::Decision& decision);
  // Adds a label to the event's tags ("self-harm", "circumvention"), once.
  void addTag(std::string_view tag);
  // What the event says if the request is cut short before finish() (the
  // destructor's finish): the status the client has seen, and the bytes
  // moved so far.
  void noteStatus(uint16_t status) { noted_status_ = status; }
  void noteBytes(uint64_t bytes_in, uint64_t bytes_out);
  // Pushes the event (never blocks; a full queue is counted). Only the first
  // call counts.
  void finish(uint16_t status, uint64_t bytes_in, uint64_t bytes_out);
  bool finished() const { return finished_; }

 private:
  ProxyShared& shared_;
  events::Event event_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  bool finished_ = false;
  uint16_t noted_status_ = 0;  // noteStatus
  uint64_t bytes_in_ = 0;      // noteBytes
  uint64_t bytes_out_ = 0;
};

// A fresh event reference, unique on this node: the node number, the start
// time and a counter.
uint64_t nextReference(ProxyShared& shared);

}  // namespace esafety::proxy
