// Minting leaf certificates for TLS inspection (issue 4 target: <= 2 ms per
// mint), and a leaf cache hit for comparison.
//
//   build/release/bench/esafety_tls_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <filesystem>

#include "tls/leaf_cache.h"

namespace {

using namespace esafety;
using namespace esafety::tls;

constexpr int64_t kNow = 1780000000;

void BM_MintLeaf(benchmark::State& state) {
  auto ca = CertificateAuthority::generate("Bench Primary", kNow).value();
  LeafMinter minter(ca, generateP256Key().value());
  uint64_t n = 0;
  for (auto _ : state) {
    auto cert = minter.mint(fmt::format("host{}.example.com", n++), kNow);
    benchmark::DoNotOptimize(cert);
  }
}
BENCHMARK(BM_MintLeaf)->Unit(benchmark::kMicrosecond);

// A cache miss as the proxy sees it: mint plus writing the leaf to disk.
void BM_CacheMissWithDisk(benchmark::State& state) {
  auto ca = CertificateAuthority::generate("Bench Primary", kNow).value();
  LeafMinter minter(ca, generateP256Key().value());
  char pattern[] = "/tmp/esafety-bench-XXXXXX";
  std::string dir = mkdtemp(pattern);
  FakeClock clock(LocalTime{});
  clock.setUnix(kNow);
  LeafCacheStats stats;
  LeafCache cache(minter, dir + "/leaves", 1 << 20, clock, stats);
  uint64_t n = 0;
  for (auto _ : state) {
    auto cert = cache.get(fmt::format("host{}.example.com", n++));
    benchmark::DoNotOptimize(cert);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}
BENCHMARK(BM_CacheMissWithDisk)->Unit(benchmark::kMicrosecond);

void BM_CacheHit(benchmark::State& state) {
  auto ca = CertificateAuthority::generate("Bench Primary", kNow).value();
  LeafMinter minter(ca, generateP256Key().value());
  FakeClock clock(LocalTime{});
  clock.setUnix(kNow);
  LeafCacheStats stats;
  LeafCache cache(minter, "", 1000, clock, stats);
  for (int i = 0; i < 1000; ++i) (void)cache.get(fmt::format("host{}.example.com", i));
  uint64_t n = 0;
  for (auto _ : state) {
    auto cert = cache.get(fmt::format("host{}.example.com", n++ % 1000));
    benchmark::DoNotOptimize(cert);
  }
}
BENCHMARK(BM_CacheHit)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
