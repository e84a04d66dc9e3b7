// A manual speed check, not a test: generates a plain list of N lines (UT1's
// adult/domains has about 4.5 million) and times importList() into a sink that
// only counts, so the number is the importers' own cost.
//
//   ninja esafety_import_speed_check
//   ./src/classify/importers/esafety_import_speed_check [lines] [path]
//
// Build with the release preset for a number worth quoting.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "classify/importers.h"
#include "core/file_system.h"

namespace {

using namespace esafety;
using namespace esafety::classify;

class CountingSink final : public EntrySink {
 public:
  Status add(const ListEntry& entry) override {
    bytes_ += entry.value.size();
    return Status::ok();
  }
  uint64_t bytes_ = 0;
};

std::string generate(uint64_t lines) {
  std::string text;
  text.reserve(lines * 24);
  for (uint64_t i = 0; i < lines; ++i) {
    // Roughly UT1's mix: mostly names, some subdomains, a few addresses.
    if (i % 100 == 0) {
      text += fmt::format("10.{}.{}.{}\n", (i >> 16) & 255, (i >> 8) & 255, i & 255);
    } else if (i % 3 == 0) {
      text += fmt::format("www.site{}.example.com\n", i);
    } else {
      text += fmt::format("site{}-adult.example\n", i);
    }
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t lines = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 5'000'000;
  std::string path = argc > 2 ? argv[2] : "/tmp/esafety_import_speed_check.txt";
  Status written = writeFileAtomically(path, generate(lines));
  if (!written.isOk()) {
    std::fprintf(stderr, "%s\n", written.toString().c_str());
    return 1;
  }
  CountingSink sink;
  ProblemList problems;
  auto start = std::chrono::steady_clock::now();
  ImportStats stats =
      importList(RealFileSystem(), {path, ListFormat::kAuto, "pornography"}, sink, problems);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%llu lines, %llu entries, %zu problems in %.3f s: %.2f million lines/s\n",
              static_cast<unsigned long long>(stats.lines),
              static_cast<unsigned long long>(stats.entries), problems.problems().size(), seconds,
              static_cast<double>(stats.lines) / seconds / 1e6);
  std::remove(path.c_str());
  return stats.entries == lines ? 0 : 1;
}
