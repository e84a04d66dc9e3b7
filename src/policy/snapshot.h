// Snapshot: one school's policy compiled for the data plane. Immutable once
// built; the control plane builds a new one on every change and publishes it
// (PolicyHolder), so the proxy and DNS workers decide without a lock.
//
//   auto snap = Snapshot::build(store.loadPolicy(1).value(), index, counters);
//   const GroupPolicy* ks1 = (*snap)->group("KS1");
//   DecisionScratch scratch;                      // reuse per worker
//   Target target = Target::forUrl(url);          // or Target::forHost("example.com")
//   Decision d = (*snap)->decide(*ks1, target, clock.localNow(), {}, scratch);
//   if (d.verdict == Verdict::kBlock) ... (*snap)->explain(...)
//
// decide() allocates nothing and touches only the snapshot and the scratch.
// Thread safety: every const method is safe from any thread at once; a
// DecisionScratch belongs to one thread.
#pragma once

#include <bitset>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "classify/category_index.h"
#include "core/clock.h"
#include "policy/decision.h"
#include "policy/model.h"

namespace esafety::policy {

using CategoryBits = std::bitset<classify::kMaxCategories>;

// What is being decided: a URL (HTTP, inspected HTTPS) or a bare host (CONNECT
// without inspection, DNS).
struct Target {
  std::string_view host;                       // normalised
  const classify::NormalizedUrl* url = nullptr;  // null for a bare host
  static Target forHost(std::string_view host) { return {host, nullptr}; }
  static Target forUrl(const classify::NormalizedUrl& url) { return {url.host, &url}; }
};

struct GroupPolicy {
  Group config;  // as configured, for display
  CategoryBits blocked;
  CategoryBits allowed;
  struct CompiledTimeRule {
    classify::CategoryId category;
    TimeRule rule;
  };
  std::vector<CompiledTimeRule> time_rules;
  std::vector<int> time_rule_source;  // index into config.time_rules
  // The school-wide and group entries, compiled: category 0 = deny, 1 = allow,
  // line = 1 + index into Snapshot::localEntries().
  std::shared_ptr<const classify::CategoryIndex> local;
};

// Per-thread working memory for decide(); holds the classifications that an
// explanation reads afterwards.
struct DecisionScratch {
  classify::Classification categories;
  classify::Classification local;
};

// Who is asking: the device registered at the client's address and the group
// whose rules apply. Later issues add check-outs and signed-in users.
struct ClientIdentity {
  const Device* device = nullptr;      // null: no device has this address
  const GroupPolicy* group = nullptr;  // null only when the school has no groups at all
};

class Snapshot {
 public:
  // Compiles `data` against `index`. Refuses (kPermissionDenied) a group that
  // allows an unoverridable category, and (kInvalidArgument) one that names a
  // category the school does not have.
  static Result<std::shared_ptr<const Snapshot>> build(PolicyData data,
                                                       std::shared_ptr<const classify::CategoryIndex> index,
                                                       std::shared_ptr<StepCounters> counters);

  const GroupPolicy* group(std::string_view name) const;
  // The device registered at `address` (network byte order, 4 or 16 bytes)
  // and its group; unknown addresses get the unknown-device group.
  ClientIdentity identify(std::span<const uint8_t> address) const;
  const std::vector<GroupPolicy>& groups() const { return groups_; }
  const std::vector<LocalEntry>& localEntries() const { return data_.local_entries; }
  const std::vector<CategoryDef>& categories() const { return data_.categories; }
  const CategoryDef* categoryDef(std::string_view name) const;
  const classify::CategoryIndex& index() const { return *index_; }
  const std::shared_ptr<const classify::CategoryIndex>& indexPtr() const { return index_; }
  const StepCounters& counters() const { return *counters_; }
  bool isUnoverridable(classify::CategoryId id) const { return unoverridable_.test(id); }
  // Things that were left out while building, for `esafety policy show`.
  const std::vector<std::string>& warnings() const { return warnings_; }

  Decision decide(const GroupPolicy& group, const Target& target, const LocalTime& time,
                  const AccountState& account, DecisionScratch& scratch) const;

  // Decides several bare hosts for one group at once (a batch of DNS
  // queries), overlapping their index lookups. Each host gets its own scratch
  // and decision; the spans must be as long as `hosts`.
  void decideHosts(const GroupPolicy& group, std::span<const std::string_view> hosts,
                   const LocalTime& time, const AccountState& account,
                   std::span<DecisionScratch> scratch, std::span<Decision> out) const;

 private:
  Snapshot() = default;
  Decision decideCategories(const GroupPolicy& group, const LocalTime& time, bool restricted,
                            const classify::Classification& c) const;
  Decision finish(Decision d, const GroupPolicy& group, const Target& target) const;
  // The chain, after scratch.categories holds the target's classification.
  Decision decideClassified(const GroupPolicy& group, const Target& target, const LocalTime& time,
                            const AccountState& account, DecisionScratch& scratch) const;

  PolicyData data_;
  std::shared_ptr<const classify::CategoryIndex> index_;
  std::shared_ptr<StepCounters> counters_;
  std::vector<GroupPolicy> groups_;
  CategoryBits unoverridable_;
  CategoryBits allow_list_;  // categories that override blocks (educational)
  std::unordered_map<std::string, size_t> device_by_address_;  // 16-byte key -> devices index
  const GroupPolicy* unknown_device_group_ = nullptr;
  std::vector<std::string> warnings_;
};

}  // namespace esafety::policy
