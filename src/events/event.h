// Event: one record of what the filter saw, one per web request, CONNECT
// tunnel or DNS query (DESIGN.md §3.7). The data plane fills one in per
// request and pushes it to an EventSink; it must never block doing so.
//
// The record is fixed-size (no heap), so pushing it is a copy into a
// preallocated ring: strings are held inline and cut at their limit, with
// `truncated` set.
//
//   Event e;
//   e.setUrl(url.toString());
//   e.verdict = policy::Verdict::kBlock;
//   if (!sink.push(e)) { /* dropped and counted by the sink */ }
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "policy/decision.h"

namespace esafety::events {

// A string held inline in a fixed-size record.
template <size_t N>
class InlineString {
 public:
  // Returns false when the value was cut to fit.
  bool assign(std::string_view s) {
    size_t n = s.size() < N ? s.size() : N;
    std::memcpy(data_.data(), s.data(), n);
    size_ = static_cast<uint16_t>(n);
    return n == s.size();
  }
  std::string_view view() const { return {data_.data(), size_}; }
  bool empty() const { return size_ == 0; }

 private:
  uint16_t size_ = 0;
  std::array<char, N> data_{};
};

enum class EventKind : uint8_t {
  kHttp = 1,     // a plain HTTP request (or an inspected HTTPS one)
  kConnect = 2,  // a CONNECT tunnel decided on host:port
  kDns = 3,      // a DNS query
  kRefused = 4,  // a client outside the school networks, refused
};
std::string_view eventKindName(EventKind kind);  // "http", "connect", "dns", "refused"
// The inverse of eventKindName; false for any other text.
bool parseEventKind(std::string_view name, EventKind* kind);
// The inverse of policy::verdictName ("allow", "block", "rewrite").
bool parseVerdict(std::string_view name, policy::Verdict* verdict);

struct Event {
  uint64_t reference = 0;      // unique per event; shown on the block page as "ES-7K3Q-9D2M"
  int64_t time_ms = 0;         // Unix milliseconds, when the request arrived
  int64_t school = 1;
  uint32_t node = 0;           // which filter node (an LA runs several)
  EventKind kind = EventKind::kHttp;
  std::array<uint8_t, 16> client_ip{};  // IPv4 in the first 4 bytes when client_v4
  bool client_v4 = true;
  int64_t device_id = 0;       // 0: unknown device
  int64_t user_id = 0;         // 0: no signed-in user
  InlineString<64> device_name;
  InlineString<64> user_name;
  InlineString<32> group;
  InlineString<16> method;     // "GET", "CONNECT"; for DNS the query type ("A")
  InlineString<1024> url;      // URL, host:port for a tunnel, name for DNS
  InlineString<48> category;   // the deciding category, if any
  InlineString<256> search_terms;
  // Phrase scanning's score per category, highest first:
  // "pornography=160;violence=40" (empty when the page was not scanned).
  InlineString<160> scores;
  // Labels monitoring picks events out by, ';'-separated: a monitoring
  // list's category for a search ("self-harm"), "circumvention" for a DoH
  // canary, a CONNECT to an IP literal or a VPN or proxy provider.
  InlineString<96> tags;
  policy::Verdict verdict = policy::Verdict::kAllow;
  policy::StepId step = policy::StepId::kDefault;
  uint16_t status = 0;         // HTTP status sent, or DNS rcode
  uint64_t bytes_in = 0;       // from the client
  uint64_t bytes_out = 0;      // to the client
  uint32_t duration_us = 0;
  bool truncated = false;      // some string was cut to fit

  void setUrl(std::string_view s) { truncated |= !url.assign(s); }
  // "192.0.2.7" or "2001:db8::7" (RFC 5952 form); "" never.
  std::string clientIpText() const;
  // Parses a textual IPv4 or IPv6 address into client_ip/client_v4; false
  // (and the record unchanged) when `text` is not one.
  bool setClientIp(std::string_view text);
};

// Where the data plane sends events. push() never blocks and never throws:
// it returns false when the event was dropped (queue full), and the sink
// counts every drop so the console and /metrics can show it.
//
// congested() says the sink is filling faster than it is drained (the
// writer is short of CPU): a producer that can wait a moment without harm
// (a DNS worker between datagram batches, whose clients' packets queue in
// the kernel meanwhile) may pause briefly so that its events get stored
// rather than dropped. It never has to: push() still never blocks.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual bool push(const Event& event) noexcept = 0;
  virtual bool congested() const noexcept { return false; }
};

}  // namespace esafety::events
