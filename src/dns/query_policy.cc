#include "dns/query_policy.h"

#include "classify/doh_resolvers.h"

namespace esafety::dns {

std::string_view queryActionName(QueryAction a) {
  switch (a) {
    case QueryAction::kRefuse: return "refuse";
    case QueryAction::kBlock: return "block";
    case QueryAction::kNxDomain: return "nxdomain";
    case QueryAction::kRewrite: return "rewrite";
    case QueryAction::kForward: return "forward";
  }
  return "unknown";
}

std::optional<QueryVerdict> fixedVerdict(const Query& query) {
  QueryVerdict v;
  if (query.qclass != kClassIn || query.qtype == type::kAxfr || query.qtype == type::kIxfr ||
      !query.name.filterable()) {
    v.action = QueryAction::kRefuse;
    v.verdict = policy::Verdict::kBlock;
    v.category = query.name.filterable() ? "not-served" : "unfilterable-name";
    return v;
  }
  if (classify::isDohCanary(query.name.text())) {
    v.action = QueryAction::kNxDomain;
    v.verdict = policy::Verdict::kBlock;
    v.step = policy::StepId::kSafeSearch;
    v.category = "doh-canary";
    return v;
  }
  return std::nullopt;
}

QueryVerdict verdictFor(const policy::Snapshot& snapshot, const policy::GroupPolicy& group,
                        const policy::Decision& decision, std::string_view name) {
  QueryVerdict v;
  v.verdict = decision.verdict;
  v.step = decision.step;
  if (decision.category >= 0) {
    v.category = snapshot.index().categoryName(static_cast<classify::CategoryId>(decision.category));
  }
  switch (decision.verdict) {
    case policy::Verdict::kBlock:
      v.action = QueryAction::kBlock;
      return v;
    case policy::Verdict::kRewrite:
      v.action = QueryAction::kRewrite;
      v.rewrite_host = decision.rewrite_host;
      return v;
    case policy::Verdict::kAllow:
      break;
  }
  if (group.config.safe_search && classify::isDohResolver(name)) {
    v.action = QueryAction::kBlock;
    v.verdict = policy::Verdict::kBlock;
    v.step = policy::StepId::kSafeSearch;
    v.category = "doh-resolver";
    return v;
  }
  v.action = QueryAction::kForward;
  return v;
}

QueryVerdict decideQuery(const Query& query, const policy::Snapshot& snapshot,
                         const policy::GroupPolicy& group, const LocalTime& time,
                         policy::DecisionScratch& scratch) {
  if (auto fixed = fixedVerdict(query)) return *fixed;
  policy::Decision d = snapshot.decide(group, policy::Target::forHost(query.name.text()), time, {},
                                       scratch);
  return verdictFor(snapshot, group, d, query.name.text());
}

}  // namespace esafety::dns
