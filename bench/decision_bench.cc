// Policy decision benchmarks (issue 2): a full host decision for KS1, through
// every step of the chain, on the 5,000,000-domain synthetic index. One at a
// time (a CONNECT), and in batches (a recvmmsg batch of DNS queries).
//
// Run: build/release/bench/esafety_decision_bench
#include <benchmark/benchmark.h>

#include "bench_data.h"
#include "classify/category_index.h"
#include "policy/snapshot.h"

namespace esafety::bench {
namespace {

std::shared_ptr<const policy::Snapshot> benchSnapshot() {
  static auto snap = [] {
    const BenchData& data = benchData();
    policy::PolicyData policy;
    for (const char* name : {"pornography", "violence", "educational", "illegal"}) {
      policy::CategoryDef c;
      c.name = name;
      c.title = name;
      c.unoverridable = std::string_view(name) == "illegal";
      c.allow_list = std::string_view(name) == "educational";
      policy.categories.push_back(c);
    }
    policy::Group ks1;
    ks1.name = "KS1";
    ks1.blocked_categories = {"pornography", "violence"};
    ks1.allowed_categories = {"educational"};
    policy.groups.push_back(ks1);
    // A school's own entries: a few hundred, as a busy school has.
    for (int i = 0; i < 300; ++i) {
      policy::LocalEntry e;
      e.id = i + 1;
      e.pattern = "local" + std::to_string(i) + ".example";
      e.action = i % 2 ? policy::Action::kAllow : policy::Action::kBlock;
      e.added_by = "bench";
      e.reason = "bench";
      policy.local_entries.push_back(e);
    }
    auto index = classify::CategoryIndex::open(data.index_path);
    return *policy::Snapshot::build(policy, *index, nullptr);
  }();
  return snap;
}

void BM_HostDecision(benchmark::State& state) {
  const BenchData& data = benchData();
  auto snap = benchSnapshot();
  const policy::GroupPolicy& ks1 = *snap->group("KS1");
  LocalTime at = *LocalTime::parse("2026-03-03 10:00");
  policy::DecisionScratch scratch;
  size_t i = 0, blocked = 0;
  for (auto _ : state) {
    policy::Decision d =
        snap->decide(ks1, policy::Target::forHost(data.host_queries[i]), at, {}, scratch);
    blocked += d.verdict == policy::Verdict::kBlock;
    if (++i == data.host_queries.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["blocked_ratio"] =
      static_cast<double>(blocked) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_HostDecision)->MinTime(2.0);

void BM_HostDecisionBatched(benchmark::State& state) {
  const BenchData& data = benchData();
  auto snap = benchSnapshot();
  const policy::GroupPolicy& ks1 = *snap->group("KS1");
  LocalTime at = *LocalTime::parse("2026-03-03 10:00");
  const size_t batch = static_cast<size_t>(state.range(0));
  std::vector<policy::DecisionScratch> scratch(batch);
  std::vector<policy::Decision> out(batch);
  std::vector<std::string_view> views(data.host_queries.begin(), data.host_queries.end());
  size_t i = 0, blocked = 0;
  for (auto _ : state) {
    if (i + batch > views.size()) i = 0;
    snap->decideHosts(ks1, std::span(views).subspan(i, batch), at, {}, scratch, out);
    for (const auto& d : out) blocked += d.verdict == policy::Verdict::kBlock;
    i += batch;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(batch));
  state.counters["blocked_ratio"] =
      static_cast<double>(blocked) / static_cast<double>(state.iterations() * batch);
}
BENCHMARK(BM_HostDecisionBatched)->Arg(32)->MinTime(2.0);

}  // namespace
}  // namespace esafety::bench

BENCHMARK_MAIN();
