// Category index benchmarks (issue 2 targets), on a deterministic synthetic
// index of 5,000,000 domains and 200,000 URL entries:
//   - compile from list text    <= 30 s
//   - load a compiled index     <= 1 s
//   - bytes per entry           <= 32
//   - host lookups, walking every suffix, >= 10 M/s on one core
//
// Run: build/release/bench/esafety_index_bench [--benchmark_filter=...]
// Data goes to $ESAFETY_BENCH_DIR (default build/release/bench/data); the
// lists are generated once and reused.
#include <benchmark/benchmark.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "bench_data.h"
#include "classify/category_index.h"

namespace esafety::bench {
namespace {

using classify::CategoryIndex;
using classify::Classification;

void BM_CompileFromText(benchmark::State& state) {
  const BenchData& data = benchData();
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    CompileResult r = compileIndex(data, data.dir + "/compile-test.idx");
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(seconds);
    state.counters["entries"] = static_cast<double>(r.entries);
    state.counters["rejected"] = static_cast<double>(r.rejected);
  }
}
BENCHMARK(BM_CompileFromText)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

void BM_LoadIndex(benchmark::State& state) {
  const BenchData& data = benchData();
  for (auto _ : state) {
    auto index = CategoryIndex::open(data.index_path);
    if (!index) state.SkipWithError(index.status().toString().c_str());
    benchmark::DoNotOptimize(index);
  }
  auto index = CategoryIndex::open(data.index_path);
  auto stats = (*index)->stats();
  double entries = static_cast<double>(stats.domain_entries + stats.url_entries);
  state.counters["entries"] = entries;
  state.counters["bytes_per_entry"] = static_cast<double>(stats.file_bytes) / entries;
}
BENCHMARK(BM_LoadIndex)->Iterations(5)->Unit(benchmark::kMillisecond);

void BM_HostLookup(benchmark::State& state) {
  const BenchData& data = benchData();
  auto index = *CategoryIndex::open(data.index_path);
  Classification c;
  size_t i = 0, hits = 0;
  const auto& queries = data.host_queries;
  for (auto _ : state) {
    index->classifyHost(queries[i], c);
    hits += !c.empty();
    if (++i == queries.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["hit_ratio"] = static_cast<double>(hits) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_HostLookup)->MinTime(2.0);

// The same lookups issued as a batch, as the DNS server does with a recvmmsg
// batch: classifyHosts() overlaps the cache misses of several names.
void BM_HostLookupBatched(benchmark::State& state) {
  const BenchData& data = benchData();
  auto index = *CategoryIndex::open(data.index_path);
  const size_t batch = static_cast<size_t>(state.range(0));
  std::vector<Classification> out(batch);
  std::vector<Classification*> out_ptrs;
  for (auto& c : out) out_ptrs.push_back(&c);
  std::vector<std::string_view> views(data.host_queries.begin(), data.host_queries.end());
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    if (i + batch > views.size()) i = 0;
    index->classifyHosts(std::span(views).subspan(i, batch), out_ptrs);
    for (size_t j = 0; j < batch; ++j) hits += !out[j].empty();
    i += batch;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(batch));
  state.counters["hit_ratio"] =
      static_cast<double>(hits) / static_cast<double>(state.iterations() * batch);
}
BENCHMARK(BM_HostLookupBatched)->Arg(32)->MinTime(2.0);

// Real traffic is skewed: a few thousand sites carry most requests. Hosts
// drawn from a Zipf(1.0) distribution over the same query set.
void BM_HostLookupZipf(benchmark::State& state) {
  const BenchData& data = benchData();
  auto index = *CategoryIndex::open(data.index_path);
  Classification c;
  size_t i = 0, hits = 0;
  const auto& queries = data.zipf_queries;
  for (auto _ : state) {
    index->classifyHost(queries[i], c);
    hits += !c.empty();
    if (++i == queries.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["hit_ratio"] = static_cast<double>(hits) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_HostLookupZipf)->MinTime(2.0);

void BM_UrlLookup(benchmark::State& state) {
  const BenchData& data = benchData();
  auto index = *CategoryIndex::open(data.index_path);
  Classification c;
  size_t i = 0, hits = 0;
  const auto& queries = data.url_queries;
  for (auto _ : state) {
    index->classifyUrl(queries[i], c);
    hits += !c.empty();
    if (++i == queries.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["hit_ratio"] = static_cast<double>(hits) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_UrlLookup)->MinTime(2.0);

}  // namespace
}  // namespace esafety::bench

BENCHMARK_MAIN();
