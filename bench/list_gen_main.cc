// esafety_list_gen <count> [seed]: prints <count> synthetic domains, one per
// line, from the benchmarks' deterministic generator.
#include <cstdio>
#include <cstdlib>

#include "list_generator.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: esafety_list_gen <count> [seed]\n");
    return 2;
  }
  long count = std::strtol(argv[1], nullptr, 10);
  unsigned long long seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20260301ull;
  esafety::bench::ListGenerator gen(seed);
  for (long i = 0; i < count; ++i) std::printf("%s\n", gen.domain().c_str());
  return 0;
}
