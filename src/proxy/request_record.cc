#include "proxy/request_record.h"

#include <cstring>

#include "proxy/proxy_types.h"

namespace esafety::proxy {

uint64_t nextReference(ProxyShared& shared) {
  return shared.next_reference.fetch_add(1, std::memory_order_relaxed);
}

RequestRecord::RequestRecord(ProxyShared& shared, std::span<const uint8_t> client_ip)
    : shared_(shared) {
  event_.reference = nextReference(shared);
  event_.time_ms = shared.clock.nowUnixMs();
  event_.node = shared.config.node;
  event_.client_v4 = client_ip.size() == 4;
  std::memcpy(event_.client_ip.data(), client_ip.data(), std::min<size_t>(client_ip.size(), 16));
}

RequestRecord::~RequestRecord() {
  // Unfinished: the request was cut short (shutdown, an exception). Its
  // event still goes out, with the status noted (0 when the client has had
  // no answer, as for a client that went away).
  if (!finished_) finish(noted_status_, bytes_in_, bytes_out_);
}

void RequestRecord::noteBytes(uint64_t bytes_in, uint64_t bytes_out) {
  bytes_in_ = bytes_in;
  bytes_out_ = bytes_out;
}

void RequestRecord::setIdentity(const policy::ClientIdentity& id) {
  if (id.device) {
    event_.device_id = id.device->id;
    event_.truncated |= !event_.device_name.assign(id.device->name);
  }
  if (id.group) event_.truncated |= !event_.group.assign(id.group->config.name);
  if (id.user_id != 0) {
    event_.user_id = id.user_id;
    event_.truncated |= !event_.user_name.assign(id.user_name);
  }
}

void RequestRecord::setDecision(const policy::Snapshot& snapshot, const policy::Decision& d) {
  event_.verdict = d.verdict;
  event_.step = d.step;
  if (d.category >= 0) {
    event_.truncated |= !event_.category.assign(
        snapshot.index().categoryName(static_cast<classify::CategoryId>(d.category)));
  }
}

void RequestRecord::addTag(std::string_view tag) {
  std::string_view tags = event_.tags.view();
  for (size_t start = 0; start <= tags.size();) {
    size_t end = std::min(tags.find(';', start), tags.size());
    if (tags.substr(start, end - start) == tag) return;
    start = end + 1;
  }
  std::string joined(tags);
  if (!joined.empty()) joined += ';';
  joined += tag;
  event_.truncated |= !event_.tags.assign(joined);
}

void RequestRecord::finish(uint16_t status, uint64_t bytes_in, uint64_t bytes_out) {
  if (finished_) return;
  finished_ = true;
  event_.status = status;
  event_.bytes_in = bytes_in;
  event_.bytes_out = bytes_out;
  auto elapsed = std::chrono::steady_clock::now() - started_;
  double seconds = std::chrono::duration<double>(elapsed).count();
  event_.duration_us = static_cast<uint32_t>(std::min(seconds * 1e6, 4e9));
  if (event_.kind == events::EventKind::kHttp) shared_.stats.observeLatency(seconds);
  if (shared_.events && !shared_.events->push(event_)) {
    shared_.stats.events_dropped.fetch_add(1, std::memory_order_relaxed);
  }
}

}  // namespace esafety::proxy
