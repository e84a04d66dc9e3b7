// The shared synthetic data set for the index and policy benchmarks: list
// files generated once by ListGenerator, the index compiled from them, and
// query sets that mix listed names, subdomains of listed names and unlisted
// names, sampled uniformly (the worst case for caches).
#pragma once

#include <string>
#include <vector>

#include "classify/url.h"

namespace esafety::bench {

inline constexpr size_t kDomainEntries = 5'000'000;
inline constexpr size_t kUrlEntries = 200'000;
inline constexpr size_t kQueries = 1'000'000;

struct BenchData {
  std::string dir;
  std::string domains_path;  // plain domain list, one per line
  std::string urls_path;     // "host/path" lines
  std::string index_path;
  std::vector<std::string> host_queries;
  std::vector<classify::NormalizedUrl> url_queries;
  // Hosts drawn from host_queries by Zipf(s = 1.0): popular sites recur, as
  // in real traffic. Stored in the order they are asked, so reading the
  // query itself costs what reading a packet does, and only the index's
  // memory sees the skew.
  std::vector<std::string> zipf_queries;
};

struct CompileResult {
  uint64_t entries = 0;
  uint64_t rejected = 0;
};

// Compiles the generated list files into an index at `out_path`.
CompileResult compileIndex(const BenchData& data, const std::string& out_path);

// Generates (first call only) and returns the data set.
const BenchData& benchData();

}  // namespace esafety::bench
