// The decision: what the policy says about one request, and the ordered chain
// of named steps that produced it (DESIGN.md §3.4, after PowerDNS's rule
// chains and e2guardian's named decision flow).
//
// The chain, in order; the first step that decides wins, except that safe
// search still rewrites an allowed search engine:
//   1 illegal        unoverridable categories (IWF/CTIRU); nothing skips this step
//   2 account        deactivated accounts, a pending AUP
//   3 local-deny     the school's own deny entries
//   4 local-allow    the school's own allow entries
//   5 category       the group's blocked and allowed categories and time rules
//   6 uncategorised  sites in no category
//   7 safe-search    rewrite search engines to their safe versions
//   8 default        nothing objected: allow
// After the chain, the proxy's own checks of what it sees. They can only
// turn an allowed request into a blocked one; each is counted in StepCounters
// when it acts (so a request allowed by step 8 and then blocked for its
// words counts once under each), and appears on the event and in the
// explanation (explainFinding). In the order the proxy runs them:
//  11 search-term    the search's words are on a monitoring list the group blocks
//   9 content        the page's words scored over the group's limit: block page
//  10 content-cut    the same, found after part of the page had gone out: cut
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>

namespace esafety::policy {

// What the caller must do next.
enum class Verdict : uint8_t {
  kAllow,    // forward the request unchanged
  kBlock,    // answer with the block page (HTTP) or the block answer (DNS)
  kRewrite,  // allowed, but send it to Decision::rewrite_host (safe search)
};
std::string_view verdictName(Verdict v);  // "allow", "block", "rewrite"

enum class StepId : uint8_t {
  kIllegal = 1,
  kAccount = 2,
  kLocalDeny = 3,
  kLocalAllow = 4,
  kCategory = 5,
  kUncategorised = 6,
  kSafeSearch = 7,
  kDefault = 8,
  kContent = 9,
  kContentCut = 10,
  kSearchTerm = 11,
};
inline constexpr size_t kStepCount = 8;  // the decision chain, steps 1-8
inline constexpr size_t kInspectionStepCount = 3;  // steps 9-11

struct StepInfo {
  StepId id;
  std::string_view name;         // "local-deny"
  std::string_view description;  // for people: "the school's own blocked sites"
};
const std::array<StepInfo, kStepCount>& decisionSteps();
// Steps 9-11, the proxy's checks after the decision, in id order.
const std::array<StepInfo, kInspectionStepCount>& inspectionSteps();
inline constexpr bool isInspectionStep(StepId id) { return static_cast<size_t>(id) > kStepCount; }
const StepInfo& stepInfo(StepId id);  // any of steps 1-11

// The account state the identity layer supplies with a request.
struct AccountState {
  bool deactivated = false;  // sanction: no access at all
  bool restricted = false;   // sanction: allow-list only
  bool aup_pending = false;  // must accept the current AUP first
};

// The compact result of a decision. Indices refer into the Snapshot that made
// it; Snapshot::explain() turns it into words.
struct Decision {
  Verdict verdict = Verdict::kAllow;
  StepId step = StepId::kDefault;
  int category = -1;     // the deciding category's index id, or -1
  int local_entry = -1;  // index into the snapshot's local entries, or -1
  int time_rule = -1;    // index into the group's time rules, or -1
  int safe_search = -1;  // index into safeSearchRules(), or -1
  std::string_view rewrite_host;  // for kRewrite: static storage
};

// Hit counters per step (1-11), shared by every snapshot so reloads keep the
// counts. Snapshot::decide counts steps 1-8; the proxy counts steps 9-11
// when one acts (Snapshot::countStep). Sharded per thread to avoid
// cache-line ping-pong on the data plane.
class StepCounters {
 public:
  void hit(StepId id);
  uint64_t hits(StepId id) const;

 private:
  static constexpr size_t kShards = 16;
  struct alignas(64) Shard {
    std::array<std::atomic<uint64_t>, kStepCount + kInspectionStepCount> counts{};
  };
  std::array<Shard, kShards> shards_;
};

}  // namespace esafety::policy
