// One Event per DNS query (DESIGN.md §3.7): client, device, group, name,
// type, decision, category, rule (step), rcode and latency.
//
//   QueryFacts facts{...};
//   emitEvent(shared, facts, scratch_event, stats);   // never blocks
//
// Thread safety: emitEvent uses the caller's scratch Event (one per worker);
// EventSink::push is safe from any thread and never blocks.
#pragma once

#include <cstdint>
#include <span>

#include "dns/dns_shared.h"
#include "dns/query_parser.h"
#include "dns/query_policy.h"
#include "events/event.h"
#include "policy/snapshot.h"

namespace esafety::dns {

struct QueryFacts {
  const Query* query = nullptr;  // null only for a refusal we could not parse
  std::span<const uint8_t> client;  // 4 or 16 bytes
  const policy::ClientIdentity* identity = nullptr;
  const QueryVerdict* verdict = nullptr;
  std::span<const uint8_t> response;  // what was sent; its rcode is the event's status
  size_t bytes_in = 0;
  int64_t started_us = 0;  // steadyUs() when the query arrived
  int64_t time_ms = 0;     // Unix ms when it arrived
  bool refused_client = false;  // outside the ACL: kind kRefused
};

void fillEvent(const QueryFacts& facts, uint32_t node, events::Event& e);
// Fills `scratch` and pushes it; counts a drop.
void emitEvent(DnsShared& shared, const QueryFacts& facts, events::Event& scratch,
               DnsStats::Worker& stats);

}  // namespace esafety::dns
