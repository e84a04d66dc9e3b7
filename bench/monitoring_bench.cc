// Monitoring-list matching per search (issue 22): TermMatcher::match over
// every search in the labelled corpus (data/monitoring/corpus/searches.tsv)
// with the built-in lists, round and round; one iteration is one search.
// Also a stretched search (read twice) and the longest search matched
// (kMaxMatchedTermBytes of words). Target: <= 5 us per search.
//
// Run: build/release/bench/esafety_monitoring_bench
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "core/file_system.h"
#include "inspect/search/monitoring_corpus.h"
#include "inspect/search/term_matcher.h"

namespace esafety::bench {
namespace {

struct Fixture {
  Fixture() {
    search::MonitoringLists lists = search::builtinMonitoringLists();
    matcher = std::make_unique<search::TermMatcher>(std::move(*search::TermMatcher::build(lists.entries)));
    RealFileSystem fs;
    const std::string path = std::string(ESAFETY_SOURCE_DIR) + "/data/monitoring/corpus/searches.tsv";
    auto text = fs.readFile(path);
    if (!text) {
      std::fprintf(stderr, "cannot read %s\n", path.c_str());
      std::abort();
    }
    for (auto& row : search::parseMonitoringCorpus(path, *text).rows) terms.push_back(row.text);
  }
  std::unique_ptr<search::TermMatcher> matcher;
  std::vector<std::string> terms;
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_MatchCorpus(benchmark::State& state) {
  Fixture& f = fixture();
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    auto found = f.matcher->match(f.terms[i]);
    hits += found.size();
    benchmark::DoNotOptimize(found);
    if (++i == f.terms.size()) i = 0;
  }
  state.counters["searches"] = static_cast<double>(f.terms.size());
  state.counters["hits_per_search"] =
      benchmark::Counter(static_cast<double>(hits), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_MatchCorpus);

void BM_MatchStretched(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(f.matcher->match("i want to diiiie sooo baaad"));
}
BENCHMARK(BM_MatchStretched);

void BM_MatchLongest(benchmark::State& state) {
  Fixture& f = fixture();
  std::string term;
  while (term.size() < search::kMaxMatchedTermBytes) term += "my teacher said suicide squad ";
  for (auto _ : state) benchmark::DoNotOptimize(f.matcher->match(term));
}
BENCHMARK(BM_MatchLongest);

// The worst case found: one word that starts many proximity entries, repeated.
void BM_MatchRepeatedWord(benchmark::State& state) {
  Fixture& f = fixture();
  std::string term;
  while (term.size() < search::kMaxMatchedTermBytes) term += "my ";
  for (auto _ : state) benchmark::DoNotOptimize(f.matcher->match(term));
}
BENCHMARK(BM_MatchRepeatedWord);

}  // namespace
}  // namespace esafety::bench

BENCHMARK_MAIN();
