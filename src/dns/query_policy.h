// What the DNS filter does with one question: the bridge between a parsed
// Query and the shared policy::Snapshot. The decision itself is always the
// snapshot's (the same chain the proxy runs; never a copy); this file only
// adds what is DNS's own:
//   1. refusals no policy changes: zone transfers, classes other than IN, and
//      names whose dotted text would be ambiguous (a '.' or a control byte
//      inside a label), which the policy could not judge fairly;
//   2. the Firefox DoH canary, NXDOMAIN for everyone;
//   3. the snapshot's decision (block, rewrite for safe search, allow);
//   4. DoH resolver names, blocked for groups with safe search on
//      (doh_resolvers.h says why that rule).
//
//   if (auto fixed = fixedVerdict(query)) return *fixed;
//   Decision d = snapshot.decide(*group, Target::forHost(query.name.text()), ...);
//   QueryVerdict v = verdictFor(snapshot, *group, d, query.name.text());
//
// Thread safety: pure functions; the snapshot is immutable.
#pragma once

#include <optional>
#include <string_view>

#include "dns/query_parser.h"
#include "policy/snapshot.h"

namespace esafety::dns {

enum class QueryAction : uint8_t {
  kRefuse,    // REFUSED
  kBlock,     // the configured block answer (BlockAnswer)
  kNxDomain,  // NXDOMAIN whatever the block answer (the DoH canary)
  kRewrite,   // CNAME to rewrite_host plus that host's own records
  kForward,   // answer from the cache or the upstreams
};
std::string_view queryActionName(QueryAction a);

struct QueryVerdict {
  QueryAction action = QueryAction::kForward;
  policy::Verdict verdict = policy::Verdict::kAllow;  // for the event
  policy::StepId step = policy::StepId::kDefault;
  std::string_view category;      // for the event: a category name, or "doh-canary"...
  std::string_view rewrite_host;  // for kRewrite (static storage)
};

// Steps 1-2 above; nullopt when the policy must decide.
std::optional<QueryVerdict> fixedVerdict(const Query& query);

// Steps 3-4 above, given the snapshot's decision for `name`.
QueryVerdict verdictFor(const policy::Snapshot& snapshot, const policy::GroupPolicy& group,
                        const policy::Decision& decision, std::string_view name);

// Both, with a single decide(): for TCP and for tests. The batched UDP path
// calls Snapshot::decideHosts itself and then verdictFor.
QueryVerdict decideQuery(const Query& query, const policy::Snapshot& snapshot,
                         const policy::GroupPolicy& group, const LocalTime& time,
                         policy::DecisionScratch& scratch);

}  // namespace esafety::dns
