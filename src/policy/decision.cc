#include "policy/decision.h"

namespace esafety::policy {

std::string_view verdictName(Verdict v) {
  switch (v) {
    case Verdict::kAllow: return "allow";
    case Verdict::kBlock: return "block";
    case Verdict::kRewrite: return "rewrite";
  }
  return "?";
}

const std::array<StepInfo, kStepCount>& decisionSteps() {
  static const std::array<StepInfo, kStepCount> kSteps = {{
      {StepId::kIllegal, "illegal", "illegal content (IWF, CTIRU) that nobody can unblock"},
      {StepId::kAccount, "account", "deactivated accounts and unsigned acceptable use policies"},
      {StepId::kLocalDeny, "local-deny", "sites the school has blocked itself"},
      {StepId::kLocalAllow, "local-allow", "sites the school has allowed itself"},
      {StepId::kCategory, "category", "the group's blocked and allowed categories and times"},
      {StepId::kUncategorised, "uncategorised", "sites that are in no category"},
      {StepId::kSafeSearch, "safe-search", "search engines sent to their safe versions"},
      {StepId::kDefault, "default", "nothing objected, so the site is allowed"},
  }};
  return kSteps;
}

const std::array<StepInfo, kInspectionStepCount>& inspectionSteps() {
  static const std::array<StepInfo, kInspectionStepCount> kSteps = {{
      {StepId::kContent, "content", "the page's own words, scanned as it loaded"},
      {StepId::kContentCut, "content-cut",
       "the page's own words, found after part of it had been sent: the connection was cut"},
      {StepId::kSearchTerm, "search-term", "search words on a monitoring list the group blocks"},
  }};
  return kSteps;
}

const StepInfo& stepInfo(StepId id) {
  auto index = static_cast<size_t>(id);
  if (index > kStepCount) return inspectionSteps()[(index - kStepCount - 1) % kInspectionStepCount];
  return decisionSteps()[index - 1];
}

namespace {
size_t shardIndex() {
  static std::atomic<size_t> next{0};
  thread_local size_t index = next.fetch_add(1, std::memory_order_relaxed);
  return index;
}
}  // namespace

void StepCounters::hit(StepId id) {
  shards_[shardIndex() % kShards].counts[static_cast<size_t>(id) - 1].fetch_add(
      1, std::memory_order_relaxed);
}

uint64_t StepCounters::hits(StepId id) const {
  uint64_t total = 0;
  for (const auto& s : shards_) total += s.counts[static_cast<size_t>(id) - 1].load(std::memory_order_relaxed);
  return total;
}

}  // namespace esafety::policy
