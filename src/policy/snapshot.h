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

#include <array>
#include <bitset>
#include <memory>
#include <optional>
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
  // A sanction this group carries: identify() hands a sanctioned person a
  // copy of their group with this set, so decide() applies it (step 2 for a
  // deactivated account, allow-list only for a restricted one) whatever
  // AccountState the caller passes. Empty for the school's own groups.
  AccountState sanction;
};

// Per-thread working memory for decide(); holds the classifications that an
// explanation reads afterwards.
struct DecisionScratch {
  classify::Classification categories;
  classify::Classification local;
};

// Who is asking: the device registered at the client's address, the pupil it
// is checked out to (if any), and the group whose rules apply. Views into the
// snapshot: valid while the caller holds it.
//
// For a checked-out device, `device` is the registry entry and `user_id` /
// `user_name` name the pupil it is lent to; the proxy and DNS event writers
// copy both, so the log says "Amira Khan (iPad 07)". Sign-in sessions
// (captive portal, proxy authentication) will fill the same fields.
struct ClientIdentity {
  const Device* device = nullptr;      // null: no device has this address
  const GroupPolicy* group = nullptr;  // null only when the school has no groups at all
  int64_t user_id = 0;                 // 0: nobody identified
  std::string_view user_name;
  AccountState account;                // the person's sanctions now (also in group->sanction)
};

class Snapshot {
 public:
  // Compiles `data` against `index`. Refuses (kPermissionDenied) a group that
  // allows an unoverridable category, and (kInvalidArgument) one that names a
  // category the school does not have.
  // `clock` (borrowed; must outlive the snapshot) tells identify() whether a
  // check-out or sanction is in force; null means the system clock.
  static Result<std::shared_ptr<const Snapshot>> build(PolicyData data,
                                                       std::shared_ptr<const classify::CategoryIndex> index,
                                                       std::shared_ptr<StepCounters> counters,
                                                       const Clock* clock = nullptr);

  const GroupPolicy* group(std::string_view name) const;
  // The device registered at `address` (network byte order, 4 or 16 bytes),
  // the pupil it is checked out to now, and the group that applies: the
  // pupil's group (with their sanctions), else the device's, else the
  // unknown-device group. Allocates nothing: hash lookups into maps built
  // with the snapshot, and a scan of the pupil's few sanctions.
  ClientIdentity identify(std::span<const uint8_t> address) const;
  ClientIdentity identify(std::span<const uint8_t> address, int64_t now_unix) const;
  const std::vector<GroupPolicy>& groups() const { return groups_; }
  const std::vector<LocalEntry>& localEntries() const { return data_.local_entries; }
  const std::vector<CategoryDef>& categories() const { return data_.categories; }
  // Sanctions not lifted, as loaded.
  const std::vector<UserSanction>& sanctions() const { return data_.sanctions; }
  // For identities made outside identify() (identity::IdentityResolver: the
  // captive portal's and proxy authentication's signed-in people), the same
  // three facts identify() uses. None allocates.
  //   the group for addresses no device has ("Unknown device", or the
  //   strictest group when that name is missing; null only with no groups);
  const GroupPolicy* unknownDeviceGroup() const { return unknown_device_group_; }
  //   the person's sanctions in force at `now` (Unix seconds);
  AccountState accountOf(int64_t user_id, int64_t now) const;
  //   `group` as it applies to someone with `account`: a copy made with the
  //   snapshot that carries the sanction (deactivated wins over restricted),
  //   so decide() and the block page apply it; `group` itself without one.
  const GroupPolicy* withSanction(const GroupPolicy* group, AccountState account) const;
  const CategoryDef* categoryDef(std::string_view name) const;
  const classify::CategoryIndex& index() const { return *index_; }
  const std::shared_ptr<const classify::CategoryIndex>& indexPtr() const { return index_; }
  const StepCounters& counters() const { return *counters_; }
  // Counts a step that acted outside decide(): the proxy's steps 9-11.
  void countStep(StepId id) const { counters_->hit(id); }
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
  struct AddressKey {
    std::array<uint8_t, 16> bytes{};
    uint8_t size = 0;
    bool operator==(const AddressKey&) const = default;
  };
  struct AddressHash {
    size_t operator()(const AddressKey& k) const;
  };
  static std::optional<AddressKey> keyFor(std::span<const uint8_t> address);
  // A device lent to a pupil, compiled for identify().
  struct Loan {
    int64_t from = 0, until = 0;
    int64_t user_id = 0;
    std::string user_name;
    Device presented;                      // the device (a copy, valid with the loan)
    const GroupPolicy* group = nullptr;    // the pupil's group, unsanctioned
  };
  struct DeviceSlot {
    size_t device = 0;               // index into data_.devices
    std::vector<size_t> loans;       // indices into loans_, by start time
  };
  void buildSanctions();  // after the groups; fills the sanctioned copies and sanctions_by_user_
  void buildLoans();      // after the devices and groups; fills loans_

  const Clock* clock_ = nullptr;
  std::unordered_map<AddressKey, DeviceSlot, AddressHash> device_by_address_;
  std::vector<Loan> loans_;
  // groups_[i] with a restriction and deactivated (GroupPolicy::sanction set).
  std::vector<GroupPolicy> restricted_groups_;
  std::vector<GroupPolicy> deactivated_groups_;
  std::vector<UserSanction> sanctions_by_user_;  // data_.sanctions sorted by user_id
  const GroupPolicy* unknown_device_group_ = nullptr;
  std::vector<std::string> warnings_;
};

}  // namespace esafety::policy
