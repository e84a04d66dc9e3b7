// Deterministic generator for synthetic category lists, so every benchmark
// run, on every machine, measures the same data.
//
//   ListGenerator gen(42);
//   std::string host = gen.domain();        // "kavomirel.co.uk"
//   std::string url = gen.urlEntry();        // "lopade.net/mivo/ranuk"
//
// Names are pronounceable nonsense under real TLDs, 1-3 labels before the
// public suffix, so suffix walks have realistic depth.
#pragma once

#include <cstdint>
#include <string>

namespace esafety::bench {

class ListGenerator {
 public:
  explicit ListGenerator(uint64_t seed) : state_(seed) {}

  uint64_t next() {  // SplitMix64
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return next() % n; }

  std::string word(int min_len, int max_len);
  std::string tld();
  // A registrable domain, sometimes with one or two subdomain labels.
  std::string domain();
  // "host/path" with 1-3 path segments.
  std::string urlEntry();

 private:
  uint64_t state_;
};

}  // namespace esafety::bench
