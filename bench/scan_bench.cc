// Content-inspection benchmarks (issue 4 target: >= 1 GB/s per core on HTML
// text with every phrase list of Debian's e2guardian package loaded).
//   - compile: load every phrase list (all languages) and build the Vectorscan
//     database; database and per-page stream sizes;
//   - end to end on HTML: PageInspector (HTML extraction + normalisation +
//     Vectorscan streaming scan + scoring), 64 KB chunks as the proxy feeds;
//     also gzip-encoded (decoding included);
//   - the stages alone: extraction + normalisation only; Vectorscan only (on
//     the extracted text, and on the raw HTML bytes for comparison).
// The page is ~4 MB of HTML generated deterministically (bench/html_gen.h).
// Throughput is bytes of HTML per second of CPU on one core unless said.
//
// Run: build/release/bench/esafety_scan_bench
// Lists: $ESAFETY_E2G_LISTS, default <source>/.cache/e2guardian/etc/e2guardian/lists
// (scripts/bootstrap.sh unpacks Debian's package there).
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <chrono>
#include <cstdlib>
#include <memory>

#include "html_gen.h"
#include "inspect/html_text.h"
#include "inspect/page_inspector.h"
#include "inspect/phrase_database.h"
#include "inspect/phrase_lists.h"
#include "inspect/phrase_scan.h"

namespace esafety::bench {
namespace {

using namespace esafety::inspect;

constexpr size_t kChunk = 64 * 1024;

std::string listsDir() {
  const char* env = std::getenv("ESAFETY_E2G_LISTS");
  if (env != nullptr) return env;
  return std::string(ESAFETY_SOURCE_DIR) + "/.cache/e2guardian/etc/e2guardian/lists";
}

struct Loaded {
  std::shared_ptr<const PhraseDatabase> db;
  PhraseLoadStats stats;
  size_t files = 0;
  size_t errors = 0;
  double load_seconds = 0;
};

Loaded loadEverything() {
  RealFileSystem fs;
  Loaded out;
  auto start = std::chrono::steady_clock::now();
  auto files = phraseListsUnder(fs, listsDir() + "/phraselists");
  PhraseLists lists;
  classify::ProblemList problems;
  out.stats = loadPhraseLists(fs, files, lists, problems);
  out.files = files.size();
  out.errors = problems.errors();
  out.load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto db = PhraseDatabase::compile(std::move(lists));
  if (db) out.db = *db;
  return out;
}

const Loaded& loaded() {
  static const Loaded l = loadEverything();
  return l;
}

// The lists e2guardian's shipped configuration actually uses: its three
// root files and what they include (absolute /etc/e2guardian paths are read
// from the lists folder).
class UnderListsDir final : public FileSystem {
 public:
  Result<std::string> readFile(const std::string& path) const override {
    return real_.readFile(map(path));
  }
  bool isDirectory(const std::string& path) const override { return real_.isDirectory(map(path)); }
  bool exists(const std::string& path) const override { return real_.exists(map(path)); }
  Result<std::vector<std::string>> listDirectory(const std::string& path) const override {
    return real_.listDirectory(map(path));
  }
  Result<uint64_t> fileSize(const std::string& path) const override {
    return real_.fileSize(map(path));
  }

 private:
  static std::string map(const std::string& path) {
    const std::string prefix = "/etc/e2guardian/lists";
    return path.starts_with(prefix) ? listsDir() + path.substr(prefix.size()) : path;
  }
  RealFileSystem real_;
};

const std::shared_ptr<const PhraseDatabase>& rootListsDb() {
  static const std::shared_ptr<const PhraseDatabase> db = [] {
    PhraseLists lists;
    classify::ProblemList problems;
    loadPhraseLists(UnderListsDir(), e2guardianPhraseRoots("/etc/e2guardian/lists"), lists,
                    problems);
    auto compiled = PhraseDatabase::compile(std::move(lists));
    return compiled ? *compiled : nullptr;
  }();
  return db;
}

const std::string& page() {
  static const std::string p = generateHtml(4 << 20, 20260401, PageShape::kArticle);
  return p;
}

const std::string& portalPage() {
  static const std::string p = generateHtml(4 << 20, 20260401, PageShape::kPortal);
  return p;
}

const std::string& gzippedPage() {
  static const std::string z = [] {
    const std::string& html = page();
    uLongf size = compressBound(html.size()) + 64;
    std::string out(size, '\0');
    z_stream zs{};
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(html.data()));
    zs.avail_in = static_cast<uInt>(html.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
  }();
  return z;
}

// The page's text after extraction and normalisation.
const std::string& pageText() {
  static const std::string t = [] {
    TextNormalizer text;
    HtmlTextExtractor html(text);
    text.begin();
    html.feed(page());
    html.finish();
    text.finish();
    return std::string(text.output());
  }();
  return t;
}

bool ready(benchmark::State& state) {
  if (loaded().db == nullptr || loaded().stats.entries == 0) {
    state.SkipWithError(("no phrase lists under " + listsDir() + ": run scripts/bootstrap.sh").c_str());
    return false;
  }
  return true;
}

void BM_CompileEveryList(benchmark::State& state) {
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    Loaded l = loadEverything();
    state.SetIterationTime(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (l.db == nullptr) {
      state.SkipWithError("compile failed");
      return;
    }
    const auto& s = l.db->stats();
    state.counters["files"] = static_cast<double>(l.files);
    state.counters["entries"] = static_cast<double>(l.stats.entries);
    state.counters["bad_lines"] = static_cast<double>(l.errors);
    state.counters["patterns"] = static_cast<double>(s.patterns);
    state.counters["load_s"] = l.load_seconds;
    state.counters["compile_s"] = s.compile_seconds;
    state.counters["db_KiB"] = static_cast<double>(s.database_bytes) / 1024.0;
    state.counters["stream_B"] = static_cast<double>(s.stream_bytes);
  }
}
BENCHMARK(BM_CompileEveryList)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

void inspectPage(benchmark::State& state, const std::string& body, const char* encoding,
                 std::shared_ptr<const PhraseDatabase> db = nullptr,
                 size_t html_bytes = page().size()) {
  if (!ready(state)) return;
  if (db == nullptr) db = loaded().db;
  PageInspectorOptions options;
  options.content_type = "text/html; charset=utf-8";
  options.content_encoding = encoding;
  options.max_scanned_bytes = uint64_t{1} << 40;  // scan all of it
  int64_t score = 0;
  for (auto _ : state) {
    PageInspector inspector(db, options);
    for (size_t at = 0; at < body.size(); at += kChunk) {
      inspector.feed(std::string_view(body).substr(at, kChunk));
    }
    inspector.finish();
    score = inspector.score().total(100);
    benchmark::DoNotOptimize(score);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(html_bytes));
  state.counters["page_MB"] = static_cast<double>(html_bytes) / 1e6;
  state.counters["score"] = static_cast<double>(score);
}

void BM_EndToEndHtml(benchmark::State& state) { inspectPage(state, page(), ""); }
BENCHMARK(BM_EndToEndHtml)->MinTime(2.0)->Unit(benchmark::kMillisecond);

// The markup-heavy page (a news front page's shape).
void BM_EndToEndHtmlPortal(benchmark::State& state) {
  TextNormalizer text;
  HtmlTextExtractor html(text);
  html.feed(portalPage());
  state.counters["text_ratio"] =
      static_cast<double>(text.outputSize()) / static_cast<double>(portalPage().size());
  inspectPage(state, portalPage(), "", nullptr, portalPage().size());
}
BENCHMARK(BM_EndToEndHtmlPortal)->MinTime(2.0)->Unit(benchmark::kMillisecond);

void BM_EndToEndHtmlGzip(benchmark::State& state) { inspectPage(state, gzippedPage(), "gzip"); }
BENCHMARK(BM_EndToEndHtmlGzip)->MinTime(2.0)->Unit(benchmark::kMillisecond);

// Only the lists the shipped e2guardian configuration includes.
void BM_EndToEndHtmlRootLists(benchmark::State& state) {
  if (rootListsDb() == nullptr) {
    state.SkipWithError("root lists not compiled");
    return;
  }
  state.counters["patterns"] = static_cast<double>(rootListsDb()->stats().patterns);
  inspectPage(state, page(), "", rootListsDb());
}
BENCHMARK(BM_EndToEndHtmlRootLists)->MinTime(2.0)->Unit(benchmark::kMillisecond);

void BM_ExtractTextOnly(benchmark::State& state) {
  const std::string& body = page();
  for (auto _ : state) {
    TextNormalizer text;
    HtmlTextExtractor html(text);
    text.begin();
    size_t total = 0;
    for (size_t at = 0; at < body.size(); at += kChunk) {
      html.feed(std::string_view(body).substr(at, kChunk));
      total += text.outputSize();
      text.clearOutput();
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(body.size()));
  state.counters["text_ratio"] =
      static_cast<double>(pageText().size()) / static_cast<double>(body.size());
}
BENCHMARK(BM_ExtractTextOnly)->MinTime(2.0)->Unit(benchmark::kMillisecond);

void scanOnly(benchmark::State& state, const std::string& text) {
  if (!ready(state)) return;
  for (auto _ : state) {
    PhraseScan scan(loaded().db);
    for (size_t at = 0; at < text.size(); at += kChunk) {
      (void)scan.scan(std::string_view(text).substr(at, kChunk));
    }
    (void)scan.finish();
    benchmark::DoNotOptimize(scan.score().total(100));
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}

// Vectorscan over the extracted text (bytes of text per second).
void BM_VectorscanOnlyText(benchmark::State& state) { scanOnly(state, pageText()); }
BENCHMARK(BM_VectorscanOnlyText)->MinTime(2.0)->Unit(benchmark::kMillisecond);

// Vectorscan over the raw HTML bytes, as if nothing were extracted.
void BM_VectorscanOnlyRawHtml(benchmark::State& state) { scanOnly(state, page()); }
BENCHMARK(BM_VectorscanOnlyRawHtml)->MinTime(2.0)->Unit(benchmark::kMillisecond);

// Where the time goes: Vectorscan alone over the extracted text with a part
// of the patterns. 0 all, 1 whole-word patterns (" w "), 2 patterns of one
// token (no inner space), 3 patterns of several tokens, 4 patterns of 12
// bytes or more.
void BM_VectorscanSubset(benchmark::State& state) {
  if (!ready(state)) return;
  int subset = static_cast<int>(state.range(0));
  auto keep = [subset](const std::string& p) {
    size_t first = p.find_first_not_of(' ');
    size_t last = p.find_last_not_of(' ');
    bool inner_space = p.substr(first, last - first + 1).find(' ') != std::string::npos;
    switch (subset) {
      case 1: return p.front() == ' ' && p.back() == ' ' && !inner_space;
      case 2: return !inner_space;
      case 3: return inner_space;
      case 4: return p.size() >= 12;
      default: return true;
    }
  };
  PhraseLists lists = loaded().db->lists();
  std::vector<PhrasePattern> patterns;
  for (const auto& p : lists.patterns) {
    if (keep(p.bytes)) patterns.push_back(p);
  }
  lists.patterns = std::move(patterns);
  size_t count = lists.patterns.size();
  auto db = PhraseDatabase::compile(std::move(lists));
  if (!db) {
    state.SkipWithError("compile failed");
    return;
  }
  const std::string& text = pageText();
  for (auto _ : state) {
    PhraseScan scan(*db);
    for (size_t at = 0; at < text.size(); at += kChunk) {
      (void)scan.scan(std::string_view(text).substr(at, kChunk));
    }
    (void)scan.finish();
    benchmark::DoNotOptimize(scan.score().total(100));
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  state.counters["patterns"] = static_cast<double>(count);
}
BENCHMARK(BM_VectorscanSubset)->DenseRange(0, 4)->MinTime(1.0)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace esafety::bench

BENCHMARK_MAIN();
