#include "dns/dns_events.h"

#include <chrono>
#include <cstring>

namespace esafety::dns {

int64_t steadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

int64_t steadyUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void fillEvent(const QueryFacts& f, uint32_t node, events::Event& e) {
  e = events::Event{};
  e.time_ms = f.time_ms;
  e.node = node;
  e.kind = f.refused_client ? events::EventKind::kRefused : events::EventKind::kDns;
  e.client_v4 = f.client.size() == 4;
  std::memcpy(e.client_ip.data(), f.client.data(), std::min<size_t>(f.client.size(), 16));
  if (f.identity != nullptr) {
    if (f.identity->device != nullptr) {
      e.device_id = f.identity->device->id;
      e.truncated |= !e.device_name.assign(f.identity->device->name);
    }
    if (f.identity->group != nullptr) e.truncated |= !e.group.assign(f.identity->group->config.name);
    if (f.identity->user_id != 0) {
      e.user_id = f.identity->user_id;
      e.truncated |= !e.user_name.assign(f.identity->user_name);
    }
  }
  if (f.query != nullptr) {
    e.truncated |= !e.method.assign(typeText(f.query->qtype).view());
    e.setUrl(f.query->name.text());
  }
  if (f.verdict != nullptr) {
    e.verdict = f.verdict->verdict;
    e.step = f.verdict->step;
    e.truncated |= !e.category.assign(f.verdict->category);
  } else if (f.refused_client) {
    e.verdict = policy::Verdict::kBlock;
  }
  if (f.response.size() >= kHeaderSize) e.status = f.response[3] & 0xF;
  e.bytes_in = f.bytes_in;
  e.bytes_out = f.response.size();
  int64_t us = steadyUs() - f.started_us;
  e.duration_us = static_cast<uint32_t>(us < 0 ? 0 : us);
}

void emitEvent(DnsShared& shared, const QueryFacts& facts, events::Event& scratch,
               DnsStats::Worker& stats) {
  if (shared.events == nullptr) return;
  fillEvent(facts, shared.node, scratch);
  if (!shared.events->push(scratch)) bump(stats.events_dropped);
}

}  // namespace esafety::dns
