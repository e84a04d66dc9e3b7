// QueryPipeline: everything between "bytes arrived from a client" and "bytes
// to send back", for one worker, transport-agnostic (the UDP and TCP
// listeners feed it).
//
// For a batch of queries (recvmmsg hands over up to kMaxBatch at a time):
//   1. ACL: a client outside the school networks gets REFUSED and a kRefused
//      event (or nothing, if its packet does not even parse);
//   2. the per-client rate limit, if on: over it, dropped and counted;
//   3. parseQuery(): malformed ones get FORMERR/NOTIMP/BADVERS or nothing;
//   4. the fixed refusals and the DoH canary (query_policy.h);
//   5. who is asking (identity::IdentityResolver, the same answer the proxy
//      and the portal get: a device lent to a pupil, a portal sign-in, the
//      device, or nobody); a client that must sign in first is answered as
//      an unknown device is (the "Unknown device" group); then one
//      Snapshot::decideHosts() per group present in the batch;
//   6. block, NXDOMAIN or refuse at once; answer allowed names from the
//      cache; safe-search names get a CNAME plus the safe host's records;
//   7. cache misses go to the Forwarder; the answer is cached and sent
//      through the item's reply function when it comes (or SERVFAIL, or a
//      stale answer, within dns.upstream_timeout_ms).
// Every query that parsed produces exactly one event.
//
//   QueryPipeline pipeline(shared, stats, forwarder);
//   Item& item = items[0];
//   item.packet = bytes; item.client = address; item.limit = 512; item.out = buffer;
//   item.make_reply = &factory;          // used only if the item goes upstream
//   pipeline.run(items);
//   if (!item.response.empty()) send(item.response);
//
// Allocates nothing per query on the way to an immediate answer.
//
// Threads: one pipeline per worker thread; run() and every reply happen on
// that thread. Replies may come after run() returns; the pipeline must
// outlive its worker's io_context work (DnsService documents the order).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "dns/dns_shared.h"
#include "dns/forwarder.h"
#include "dns/query_policy.h"
#include "events/event.h"
#include "identity/identity_resolver.h"
#include "policy/policy_holder.h"

namespace esafety::dns {

inline constexpr size_t kMaxBatch = 32;

// A client's address: 4 or 16 bytes, network order.
struct ClientAddress {
  std::array<uint8_t, 16> bytes{};
  uint8_t size = 4;
  std::span<const uint8_t> view() const { return {bytes.data(), size}; }
};

class QueryPipeline {
 public:
  using Reply = std::function<void(std::span<const uint8_t>)>;
  struct Item;
  // Makes the callback that sends an answer later; called only for items
  // that go upstream, so the hot path allocates nothing.
  using ReplyFactory = std::function<Reply(const Item&)>;

  struct Item {
    // In: set by the listener.
    std::span<const uint8_t> packet;
    ClientAddress client;
    size_t limit = kClassicUdpSize;  // 65535 over TCP; refined from EDNS for UDP
    bool tcp = false;
    std::span<uint8_t> out;          // where an immediate answer is written
    const ReplyFactory* make_reply = nullptr;
    size_t transport_slot = 0;       // for the listener's own bookkeeping
    // Out: an immediate answer (empty: none now; either dropped or pending).
    std::span<const uint8_t> response;
    bool pending = false;

    // Working state.
    Query query;
    QueryVerdict verdict;
    policy::ClientIdentity identity;    // what is decided and logged (views `resolved`)
    identity::ResolvedClient resolved;  // the resolver's answer; its name buffer is reused
    enum class Stage : uint8_t { kDone, kDecide, kAct } stage = Stage::kDone;
  };

  QueryPipeline(DnsShared& shared, DnsStats::Worker& stats, Forwarder& forwarder);
  ~QueryPipeline();

  void run(std::span<Item> items);

 private:
  struct Pending;
  void prepare(Item& item, const policy::Snapshot& snapshot);
  void identify(Item& item, const policy::Snapshot& snapshot);
  void decideAll(std::span<Item> items, const policy::Snapshot& snapshot);
  void act(Item& item, const policy::Snapshot& snapshot);
  void goUpstream(Item& item, const Name& ask, uint16_t qtype);
  void finishPending(Pending& p, const Status& status, const Answer& answer);
  void emit(const Item& item);
  const LocalTime& localNow();

  DnsShared& shared_;
  DnsStats::Worker& stats_;
  Forwarder& forwarder_;
  policy::SnapshotReader reader_;
  std::string key_;
  CachedCopy copy_;
  events::Event event_;
  std::array<policy::DecisionScratch, kMaxBatch> scratch_;
  std::array<policy::Decision, kMaxBatch> decisions_;
  std::array<std::string_view, kMaxBatch> hosts_;
  std::array<size_t, kMaxBatch> members_;
  std::unique_ptr<std::array<uint8_t, kMaxMessage>> async_out_;
  int64_t batch_ms_ = 0;       // steady, when the batch arrived
  int64_t batch_us_ = 0;
  int64_t batch_wall_ms_ = 0;  // Unix ms, for events
  int64_t local_second_ = -1;
  LocalTime local_;
};

}  // namespace esafety::dns
