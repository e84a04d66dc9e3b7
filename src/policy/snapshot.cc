#include "policy/snapshot.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include <fmt/format.h>

#include "policy/local_entries.h"
#include "policy/safe_search.h"

namespace esafety::policy {
namespace {

int firstBit(const CategoryBits& bits) {
  // libstdc++'s word-at-a-time scan; a bit-by-bit loop over 512 bits costs
  // more than the rest of a decision.
  size_t first = bits._Find_first();
  return first < bits.size() ? static_cast<int>(first) : -1;
}

// The length of the entry that matched a local category, for "the more
// specific entry wins" between a deny and an allow.
size_t specificity(const classify::Classification& c, classify::CategoryId id) {
  auto m = c.matchFor(id);
  return m ? m->entry.size() : 0;
}

}  // namespace

Result<std::shared_ptr<const Snapshot>> Snapshot::build(
    PolicyData data, std::shared_ptr<const classify::CategoryIndex> index,
    std::shared_ptr<StepCounters> counters, const Clock* clock) {
  std::shared_ptr<Snapshot> snap(new Snapshot());
  snap->index_ = index ? std::move(index) : classify::CategoryIndex::empty();
  snap->counters_ = counters ? std::move(counters) : std::make_shared<StepCounters>();
  const auto& idx = *snap->index_;

  std::unordered_map<std::string, const CategoryDef*> defs;
  for (const auto& c : data.categories) {
    defs[c.name] = &c;
    auto id = idx.categoryId(c.name);
    // "illegal" is unoverridable whatever the data says.
    if (id && (c.unoverridable || c.name == "illegal")) snap->unoverridable_.set(*id);
    if (id && c.allow_list && !c.unoverridable) snap->allow_list_.set(*id);
  }
  if (auto id = idx.categoryId("illegal")) snap->unoverridable_.set(*id);

  auto check_category = [&](const Group& g, const std::string& name,
                            std::string_view use) -> Status {
    auto it = defs.find(name);
    if (it == defs.end()) {
      return invalidArgument(fmt::format("group {} {} the category '{}', which does not exist",
                                         g.name, use, name));
    }
    return Status::ok();
  };
  auto refuse_allow = [&](const Group& g, const std::string& name) -> Status {
    auto it = defs.find(name);
    bool unoverridable = name == "illegal" || (it != defs.end() && it->second->unoverridable);
    if (unoverridable) {
      return permissionDenied(fmt::format(
          "group {} tries to allow '{}', which holds illegal content and can never be allowed",
          g.name, name));
    }
    return Status::ok();
  };

  for (const Group& g : data.groups) {
    GroupPolicy gp;
    gp.config = g;
    for (const auto& name : g.blocked_categories) {
      ESAFETY_RETURN_IF_ERROR(check_category(g, name, "blocks"));
      if (auto id = idx.categoryId(name)) gp.blocked.set(*id);
    }
    for (const auto& name : g.allowed_categories) {
      ESAFETY_RETURN_IF_ERROR(check_category(g, name, "allows"));
      ESAFETY_RETURN_IF_ERROR(refuse_allow(g, name));
      if (auto id = idx.categoryId(name)) gp.allowed.set(*id);
    }
    for (size_t i = 0; i < g.time_rules.size(); ++i) {
      const TimeRule& rule = g.time_rules[i];
      ESAFETY_RETURN_IF_ERROR(check_category(g, rule.category, "has a time rule for"));
      if (rule.action == Action::kAllow) ESAFETY_RETURN_IF_ERROR(refuse_allow(g, rule.category));
      if (auto id = idx.categoryId(rule.category)) {
        gp.time_rules.push_back({*id, rule});
        gp.time_rule_source.push_back(static_cast<int>(i));
      }
    }
    gp.local = compileLocalEntries(data.local_entries, g.name, snap->warnings_);
    snap->groups_.push_back(std::move(gp));
  }
  snap->data_ = std::move(data);
  // GroupPolicy::config copies were taken before data_ moved; nothing points into data.
  for (size_t i = 0; i < snap->data_.devices.size(); ++i) {
    const Device& device = snap->data_.devices[i];
    if (device.ip.empty()) continue;
    classify::HostKind kind = classify::HostKind::kName;
    auto host = classify::normalizeHost(device.ip, &kind);
    std::array<uint8_t, 16> bytes{};
    uint32_t v4 = 0;
    std::optional<AddressKey> key;
    if (host && kind == classify::HostKind::kIpv4 && classify::parseIpv4(*host, &v4)) {
      uint8_t b[4] = {static_cast<uint8_t>(v4 >> 24), static_cast<uint8_t>(v4 >> 16),
                      static_cast<uint8_t>(v4 >> 8), static_cast<uint8_t>(v4)};
      key = keyFor(std::span<const uint8_t>(b, 4));
    } else if (host && kind == classify::HostKind::kIpv6 && classify::parseIpv6(*host, &bytes)) {
      key = keyFor(std::span<const uint8_t>(bytes.data(), 16));
    }
    if (!key) {
      snap->warnings_.push_back(fmt::format(
          "device {} has an address '{}' that is not an IP address", device.name, device.ip));
      continue;
    }
    snap->device_by_address_.emplace(*key, DeviceSlot{.device = i, .loans = {}});
  }
  snap->clock_ = clock;
  snap->unknown_device_group_ = snap->group(snap->data_.unknown_device_group);
  if (snap->unknown_device_group_ == nullptr && !snap->groups_.empty()) {
    // A misconfigured name must not open the network: use the strictest group.
    for (const auto& g : snap->groups_) {
      if (g.config.allow_list_only && g.allowed.none()) snap->unknown_device_group_ = &g;
    }
    snap->warnings_.push_back(fmt::format("the unknown-device group '{}' does not exist",
                                          snap->data_.unknown_device_group));
  }
  snap->buildSanctions();
  snap->buildLoans();
  return std::shared_ptr<const Snapshot>(std::move(snap));
}

const GroupPolicy* Snapshot::group(std::string_view name) const {
  for (const auto& g : groups_) {
    if (g.config.name == name) return &g;
  }
  // Group names are matched case-insensitively for people typing them.
  for (const auto& g : groups_) {
    if (g.config.name.size() == name.size() &&
        std::equal(name.begin(), name.end(), g.config.name.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return &g;
    }
  }
  return nullptr;
}

size_t Snapshot::AddressHash::operator()(const AddressKey& k) const {
  // FNV-1a over the address bytes: a handful of devices, cheap to hash.
  uint64_t h = 1469598103934665603ull ^ k.size;
  for (size_t i = 0; i < k.size; ++i) h = (h ^ k.bytes[i]) * 1099511628211ull;
  return static_cast<size_t>(h);
}

std::optional<Snapshot::AddressKey> Snapshot::keyFor(std::span<const uint8_t> address) {
  static const uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (address.size() == 16 && std::equal(address.begin(), address.begin() + 12, kMapped)) {
    address = address.subspan(12);
  }
  if (address.size() != 4 && address.size() != 16) return std::nullopt;
  AddressKey key;
  key.size = static_cast<uint8_t>(address.size());
  std::copy(address.begin(), address.end(), key.bytes.begin());
  return key;
}

void Snapshot::buildSanctions() {
  restricted_groups_ = groups_;
  deactivated_groups_ = groups_;
  for (GroupPolicy& g : restricted_groups_) g.sanction = {.restricted = true};
  for (GroupPolicy& g : deactivated_groups_) g.sanction = {.deactivated = true};
  sanctions_by_user_ = data_.sanctions;
  std::sort(sanctions_by_user_.begin(), sanctions_by_user_.end(),
            [](const UserSanction& a, const UserSanction& b) { return a.user_id < b.user_id; });
}

AccountState Snapshot::accountOf(int64_t user_id, int64_t now) const {
  AccountState account;
  auto first = std::lower_bound(
      sanctions_by_user_.begin(), sanctions_by_user_.end(), user_id,
      [](const UserSanction& s, int64_t id) { return s.user_id < id; });
  for (auto it = first; it != sanctions_by_user_.end() && it->user_id == user_id; ++it) {
    if (now < it->from || (it->until != 0 && now >= it->until)) continue;
    account.deactivated |= it->deactivated;
    account.restricted |= it->restricted;
  }
  return account;
}

const GroupPolicy* Snapshot::withSanction(const GroupPolicy* group, AccountState account) const {
  if (group == nullptr || (!account.deactivated && !account.restricted)) return group;
  for (size_t i = 0; i < groups_.size(); ++i) {
    if (&groups_[i] == group) return account.deactivated ? &deactivated_groups_[i] : &restricted_groups_[i];
  }
  return group;  // already a sanctioned copy
}

void Snapshot::buildLoans() {
  std::unordered_map<int64_t, DeviceSlot*> slot_by_device;
  for (auto& [key, slot] : device_by_address_) {
    slot_by_device.emplace(data_.devices[slot.device].id, &slot);
  }
  for (const DeviceCheckout& c : data_.checkouts) {
    auto slot = slot_by_device.find(c.device_id);
    if (slot == slot_by_device.end()) continue;  // a device with no address: nothing to identify
    const Device& device = data_.devices[slot->second->device];
    Loan loan;
    loan.from = c.from;
    loan.until = c.until;
    loan.user_id = c.user_id;
    loan.user_name = c.user_name;
    loan.presented = device;
    loan.group = c.group.empty() ? nullptr : group(c.group);
    if (loan.group == nullptr) loan.group = group(device.group);
    if (loan.group == nullptr) loan.group = unknown_device_group_;
    slot->second->loans.push_back(loans_.size());
    loans_.push_back(std::move(loan));
  }
}

ClientIdentity Snapshot::identify(std::span<const uint8_t> address) const {
  static const SystemClock kSystemClock;
  return identify(address, (clock_ ? *clock_ : static_cast<const Clock&>(kSystemClock)).nowUnix());
}

ClientIdentity Snapshot::identify(std::span<const uint8_t> address, int64_t now) const {
  ClientIdentity id;
  auto key = keyFor(address);
  auto it = key ? device_by_address_.find(*key) : device_by_address_.end();
  if (it != device_by_address_.end()) {
    id.device = &data_.devices[it->second.device];
    id.group = group(id.device->group);
    for (size_t index : it->second.loans) {
      const Loan& loan = loans_[index];
      if (now < loan.from || now >= loan.until) continue;
      id.device = &loan.presented;
      id.user_id = loan.user_id;
      id.user_name = loan.user_name;
      id.account = accountOf(loan.user_id, now);
      id.group = withSanction(loan.group, id.account);
      break;
    }
  }
  if (id.group == nullptr) id.group = unknown_device_group_;
  return id;
}

const CategoryDef* Snapshot::categoryDef(std::string_view name) const {
  for (const auto& c : data_.categories) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

Decision Snapshot::decideCategories(const GroupPolicy& group, const LocalTime& time,
                                    bool restricted, const classify::Classification& c) const {
  Decision d;
  d.step = StepId::kCategory;
  const CategoryBits& cats = c.categories();
  CategoryBits allow = cats & group.allowed;
  CategoryBits block = cats & group.blocked;
  // Rules in force now replace the group's normal action for their category.
  struct Active {
    classify::CategoryId category;
    Action action;
    int source;
  };
  Active active[16];
  size_t active_count = 0;
  for (size_t i = 0; i < group.time_rules.size(); ++i) {
    const auto& tr = group.time_rules[i];
    if (!cats.test(tr.category) || !tr.rule.appliesAt(time.weekday, time.minuteOfDay())) continue;
    if (tr.rule.action == Action::kAllow) {
      allow.set(tr.category);
      block.reset(tr.category);
    } else {
      block.set(tr.category);
      allow.reset(tr.category);
    }
    if (active_count < std::size(active)) {
      active[active_count++] = {tr.category, tr.rule.action, group.time_rule_source[i]};
    }
  }
  auto rule_for = [&](int category, Action action) {
    for (size_t i = 0; i < active_count; ++i) {
      if (active[i].category == category && active[i].action == action) return active[i].source;
    }
    return -1;
  };
  // Allow-list categories (educational) override blocks; never illegal ones,
  // which step 1 has already caught.
  CategoryBits overriding = allow & allow_list_;
  if (overriding.any()) {
    d.verdict = Verdict::kAllow;
    d.category = firstBit(overriding);
    d.time_rule = rule_for(d.category, Action::kAllow);
    return d;
  }
  if (block.any()) {
    d.verdict = Verdict::kBlock;
    d.category = firstBit(block);
    d.time_rule = rule_for(d.category, Action::kBlock);
    return d;
  }
  if (allow.any()) {
    d.verdict = Verdict::kAllow;
    d.category = firstBit(allow);
    d.time_rule = rule_for(d.category, Action::kAllow);
    return d;
  }
  if (restricted) {
    // A sanctioned account may still use the school's allow-list categories.
    CategoryBits allow_listed = cats & allow_list_;
    d.verdict = allow_listed.any() ? Verdict::kAllow : Verdict::kBlock;
    d.category = firstBit(allow_listed.any() ? allow_listed : cats);
    return d;
  }
  d.step = StepId::kDefault;  // categorised, but nothing in this group cares
  return d;
}

Decision Snapshot::finish(Decision d, const GroupPolicy& group, const Target& target) const {
  if (d.verdict == Verdict::kAllow && group.config.safe_search) {
    if (const SafeSearchRule* rule = findSafeSearch(target.host)) {
      if (rule->rewrite_host != target.host) {
        d.verdict = Verdict::kRewrite;
        d.safe_search = safeSearchIndex(rule);
        d.rewrite_host = rule->rewrite_host;
        if (d.step == StepId::kDefault) d.step = StepId::kSafeSearch;
      }
    }
  }
  counters_->hit(d.step);
  return d;
}

Decision Snapshot::decide(const GroupPolicy& group, const Target& target, const LocalTime& time,
                          const AccountState& account, DecisionScratch& scratch) const {
  if (target.url) {
    index_->classifyUrl(*target.url, scratch.categories);
  } else {
    index_->classifyHost(target.host, scratch.categories);
  }
  return decideClassified(group, target, time, account, scratch);
}

void Snapshot::decideHosts(const GroupPolicy& group, std::span<const std::string_view> hosts,
                           const LocalTime& time, const AccountState& account,
                           std::span<DecisionScratch> scratch, std::span<Decision> out) const {
  constexpr size_t kChunk = 32;
  classify::Classification* views[kChunk];
  for (size_t base = 0; base < hosts.size(); base += kChunk) {
    size_t n = std::min(kChunk, hosts.size() - base);
    for (size_t j = 0; j < n; ++j) views[j] = &scratch[base + j].categories;
    index_->classifyHosts(hosts.subspan(base, n), std::span(views, n));
    for (size_t j = 0; j < n; ++j) {
      out[base + j] = decideClassified(group, Target::forHost(hosts[base + j]), time, account,
                                       scratch[base + j]);
    }
  }
}

Decision Snapshot::decideClassified(const GroupPolicy& group, const Target& target,
                                    const LocalTime& time, const AccountState& account,
                                    DecisionScratch& scratch) const {
  const classify::Classification& c = scratch.categories;
  Decision d;
  const bool deactivated = account.deactivated || group.sanction.deactivated;
  const bool restricted_account = account.restricted || group.sanction.restricted;
  // 1. Illegal content: first, always, for everyone.
  CategoryBits illegal = c.categories() & unoverridable_;
  if (illegal.any()) {
    d.verdict = Verdict::kBlock;
    d.step = StepId::kIllegal;
    d.category = firstBit(illegal);
    counters_->hit(d.step);
    return d;
  }
  // 2. The account.
  if (deactivated || account.aup_pending || group.sanction.aup_pending) {
    d.verdict = Verdict::kBlock;
    d.step = StepId::kAccount;
    counters_->hit(d.step);
    return d;
  }
  // 3-4. The school's own entries; the more specific of a deny and an allow wins.
  if (group.local) {
    classify::Classification& l = scratch.local;
    if (target.url) {
      group.local->classifyUrl(*target.url, l);
    } else {
      group.local->classifyHost(target.host, l);
    }
    bool deny = l.has(kLocalDeny), allow = l.has(kLocalAllow);
    if (deny && allow) {
      if (specificity(l, kLocalAllow) > specificity(l, kLocalDeny)) {
        deny = false;
      } else {
        allow = false;
      }
    }
    if (deny || allow) {
      auto m = l.matchFor(deny ? kLocalDeny : kLocalAllow);
      d.local_entry = m ? static_cast<int>(m->line) - 1 : -1;
      d.step = deny ? StepId::kLocalDeny : StepId::kLocalAllow;
      d.verdict = deny ? Verdict::kBlock : Verdict::kAllow;
      if (deny) {
        counters_->hit(d.step);
        return d;
      }
      return finish(d, group, target);
    }
  }
  // 5. Categories and time rules.
  bool restricted = group.config.allow_list_only || restricted_account;
  if (!c.empty()) {
    d = decideCategories(group, time, restricted, c);
    if (d.verdict == Verdict::kBlock) {
      counters_->hit(d.step);
      return d;
    }
    return finish(d, group, target);
  }
  // 6. Sites in no category.
  if (restricted || group.config.uncategorised == Action::kBlock) {
    d.verdict = Verdict::kBlock;
    d.step = StepId::kUncategorised;
    counters_->hit(d.step);
    return d;
  }
  // 7-8. Safe search, else allow.
  return finish(d, group, target);
}

}  // namespace esafety::policy
