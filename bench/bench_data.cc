#include "bench_data.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "classify/category_index.h"
#include "classify/importers.h"
#include "core/file_system.h"
#include "list_generator.h"

namespace esafety::bench {
namespace {

void generateLists(const BenchData& d) {
  if (std::filesystem::exists(d.domains_path) && std::filesystem::exists(d.urls_path)) return;
  std::fprintf(stderr, "generating %zu domains and %zu URL entries in %s\n", kDomainEntries,
               kUrlEntries, d.dir.c_str());
  ListGenerator gen(20260301);
  {
    std::ofstream out(d.domains_path);
    out << "# synthetic list for benchmarks\n";
    for (size_t i = 0; i < kDomainEntries; ++i) out << gen.domain() << '\n';
  }
  {
    std::ofstream out(d.urls_path);
    for (size_t i = 0; i < kUrlEntries; ++i) out << gen.urlEntry() << '\n';
  }
}

std::vector<std::string> readLines(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  }
  return lines;
}

// Inverse-CDF sampling of Zipf(1.0) over n ranks.
std::vector<uint32_t> zipfOrder(size_t n, size_t count, ListGenerator& gen) {
  std::vector<double> cdf(n);
  double sum = 0;
  for (size_t k = 0; k < n; ++k) cdf[k] = (sum += 1.0 / static_cast<double>(k + 1));
  std::vector<uint32_t> order(count);
  for (auto& o : order) {
    double u = static_cast<double>(gen.next() >> 11) / 9007199254740992.0 * sum;
    o = static_cast<uint32_t>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
  }
  return order;
}

void makeQueries(BenchData& d) {
  std::vector<std::string> domains = readLines(d.domains_path);
  std::vector<std::string> urls = readLines(d.urls_path);
  ListGenerator gen(777);
  ListGenerator unlisted(99991);
  d.host_queries.reserve(kQueries);
  for (size_t i = 0; i < kQueries; ++i) {
    uint64_t kind = gen.below(10);
    if (kind < 3) {
      d.host_queries.push_back(domains[gen.below(domains.size())]);
    } else if (kind < 5) {
      d.host_queries.push_back(gen.word(2, 5) + "." + gen.word(3, 6) + "." +
                               domains[gen.below(domains.size())]);
    } else {
      d.host_queries.push_back(gen.word(2, 4) + "." + unlisted.domain());
    }
  }
  for (size_t i = 0; i < kQueries / 4; ++i) {
    uint64_t kind = gen.below(10);
    std::string text;
    if (kind < 3) {
      text = "http://" + urls[gen.below(urls.size())] + "/page.html?x=1";
    } else if (kind < 5) {
      text = "http://www." + domains[gen.below(domains.size())] + "/some/path";
    } else {
      text = "http://" + unlisted.domain() + "/" + gen.word(3, 8) + "/" + gen.word(3, 8);
    }
    auto url = classify::normalizeUrl(text);
    if (url) d.url_queries.push_back(std::move(*url));
  }
  for (uint32_t i : zipfOrder(d.host_queries.size(), kQueries, gen)) {
    d.zipf_queries.push_back(d.host_queries[i]);
  }
}

struct CountingSink final : classify::EntrySink {
  classify::IndexBuilder& builder;
  explicit CountingSink(classify::IndexBuilder& b) : builder(b) {}
  Status add(const classify::ListEntry& e) override { return builder.add(e); }
};

}  // namespace

CompileResult compileIndex(const BenchData& d, const std::string& out_path) {
  classify::IndexBuilder builder;
  classify::ProblemList problems;
  RealFileSystem fs;
  CompileResult result;
  for (const auto& [path, category] :
       {std::pair{d.domains_path, "pornography"}, std::pair{d.urls_path, "violence"}}) {
    classify::ImportRequest request;
    request.path = path;
    request.format = classify::ListFormat::kPlainDomains;
    request.category = category;
    auto stats = classify::importList(fs, request, builder, problems);
    result.entries += stats.entries;
    result.rejected += stats.rejected;
  }
  Status s = builder.write(out_path, problems);
  if (!s.isOk()) {
    std::fprintf(stderr, "compile failed: %s\n", s.toString().c_str());
    std::exit(1);
  }
  return result;
}

const BenchData& benchData() {
  static BenchData* data = [] {
    auto* d = new BenchData;
    const char* env = std::getenv("ESAFETY_BENCH_DIR");
    d->dir = env ? env : "bench-data";
    std::filesystem::create_directories(d->dir);
    d->domains_path = d->dir + "/domains.txt";
    d->urls_path = d->dir + "/urls.txt";
    d->index_path = d->dir + "/bench.idx";
    generateLists(*d);
    if (!std::filesystem::exists(d->index_path)) compileIndex(*d, d->index_path);
    makeQueries(*d);
    return d;
  }();
  return *data;
}

}  // namespace esafety::bench
