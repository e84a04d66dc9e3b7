// The filter self-test's requests (control/filter_selftest.h): one through
// the running proxy, one to the running DNS filter, each sent from a group's
// self-test address, and what came back, read as blocked, allowed or error.
//
// The proxy: a plain-HTTP GET of the test URL through the proxy (libcurl,
// bound to the source address). Blocked: the proxy's block page (403 with
// its reference); if the page names a group other than the one the check
// presents as, that is an error (the address is not attributed as the check
// thinks). Anything else the proxy answers (the site's page, or a 502 when
// the site cannot be reached, which is what a test name that no DNS knows
// gets) is "allowed": the request went past the filter. No answer is an error.
//
// The DNS filter: an A query over UDP from the source address. Blocked: the
// filter's block answer for `dns.block_answer`: "nxdomain" (NXDOMAIN with no
// SOA: an upstream's NXDOMAIN carries its zone's SOA, RFC 2308), "zero"
// (0.0.0.0) or "blockpage" (the block page's address). Any other answer
// (an address, SERVFAIL when the upstream cannot be reached, an upstream's
// NXDOMAIN) is "allowed"; no answer, REFUSED or a malformed reply is an error.
//
//   NetworkProber prober(listenersFrom(config));
//   ProbeResult r = prober.proxy(target);   // r.outcome, r.detail
//
// Thread safety: the pure functions are; a NetworkProber is used by one
// thread at a time (each call is blocking, at most `timeout_ms`).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "control/selftest_plan.h"
#include "core/config.h"
#include "store/selftest_store.h"

namespace esafety::control {

struct ProbeResult {
  store::SelftestOutcome outcome = store::SelftestOutcome::kError;
  std::string detail;
};

// What the DNS filter answers for a blocked name.
struct DnsBlockAnswer {
  enum class Mode : uint8_t { kNxDomain, kZero, kAddress };
  Mode mode = Mode::kNxDomain;
  std::vector<std::string> addresses;  // kAddress: the block page's addresses (IPv4 text)
};

// Where the running serve listens, from esafety.toml.
struct SelftestListeners {
  std::optional<Endpoint> proxy;  // none: the proxy is off, its checks are skipped
  std::optional<Endpoint> dns;    // none: the DNS filter is off
  DnsBlockAnswer dns_block;
  int timeout_ms = 5000;
};
// The first listen endpoint of each (0.0.0.0 and :: mean the loopback
// address), and [selftest] timeout_ms.
SelftestListeners listenersFrom(const ServeConfig& config);

// Pure parts, for tests.
ProbeResult readProxyAnswer(long status, std::string_view body, std::string_view group);
std::vector<uint8_t> dnsQuery(uint16_t id, std::string_view name);  // one A question, RD set
ProbeResult readDnsAnswer(std::span<const uint8_t> reply, uint16_t id, const DnsBlockAnswer& block);

// The seam between the check and the network.
class SelftestProber {
 public:
  virtual ~SelftestProber() = default;
  virtual bool hasProxy() const = 0;
  virtual bool hasDns() const = 0;
  virtual ProbeResult proxy(const SelftestTarget& target) = 0;
  virtual ProbeResult dns(const SelftestTarget& target) = 0;
};

class NetworkProber final : public SelftestProber {
 public:
  explicit NetworkProber(SelftestListeners listeners) : listeners_(std::move(listeners)) {}
  bool hasProxy() const override { return listeners_.proxy.has_value(); }
  bool hasDns() const override { return listeners_.dns.has_value(); }
  ProbeResult proxy(const SelftestTarget& target) override;
  ProbeResult dns(const SelftestTarget& target) override;

 private:
  SelftestListeners listeners_;
  uint16_t next_id_ = 0x5e1f;
};

}  // namespace esafety::control
