// Test helpers for the importers: a sink that keeps what it is given, and
// one-line renderings of entries and problems so that tests can compare the
// exact result with ElementsAre.
//
//   MemoryFileSystem fs;
//   fs.put("/l/a", "example.com\n");
//   ImportRun run = runImport(fs, request("/l/a", ListFormat::kAuto, "games"));
//
// Suites are named "importers_*" so that `ctest -R importers` selects them.
//   EXPECT_THAT(run.entries(), ElementsAre("domain example.com /l/a:1"));
//   EXPECT_THAT(run.problems(), IsEmpty());
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "classify/importers.h"
#include "classify/list_entry.h"
#include "core/file_system.h"

namespace esafety::classify::testing {

// Keeps every entry; rejects values equal to `reject_value` (to test sink errors).
class CollectingSink final : public EntrySink {
 public:
  Status add(const ListEntry& entry) override {
    if (!reject_value.empty() && entry.value == reject_value) {
      return invalidArgument("label longer than 63 bytes");
    }
    entries.push_back(entry);
    return Status::ok();
  }
  std::vector<ListEntry> entries;
  std::string reject_value;
};

class CollectingProgress final : public ProgressSink {
 public:
  struct Call {
    std::string file;
    uint64_t done;
    uint64_t total;
  };
  void progress(std::string_view file, uint64_t done, uint64_t total) override {
    calls.push_back({std::string(file), done, total});
  }
  std::vector<Call> calls;
};

// "domain example.com /l/a:3", "exception domain ...", "cidr 192.0.2.0/24 /l/a:4".
inline std::string describe(const ListEntry& e) {
  return fmt::format("{}{} {} {}:{}", e.exception ? "exception " : "", entryKindName(e.kind),
                     e.value, e.where.file, e.where.line);
}

// "/l/a:3: error" (where and severity only; reasons are checked separately).
inline std::string where(const ImportProblem& p) {
  return fmt::format("{}:{}: {}", p.where.file, p.where.line,
                     p.severity == Severity::kError ? "error" : "warning");
}

// A request; written as a call because GCC warns on designated initializers
// that leave a field out.
inline ImportRequest request(std::string path, ListFormat format = ListFormat::kAuto,
                             std::string category = "") {
  return ImportRequest{std::move(path), format, std::move(category)};
}

struct ImportRun {
  CollectingSink sink;
  ProblemList problem_list;
  CollectingProgress progress;
  ImportStats stats;

  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : sink.entries) out.push_back(describe(e));
    return out;
  }
  std::vector<std::string> categories() const {
    std::vector<std::string> out;
    for (const auto& e : sink.entries) out.push_back(e.category);
    return out;
  }
  std::vector<std::string> problems() const {
    std::vector<std::string> out;
    for (const auto& p : problem_list.problems()) out.push_back(where(p));
    return out;
  }
  // Full "file:line: error: reason" texts, for messages in failed assertions.
  std::vector<std::string> reasons() const {
    std::vector<std::string> out;
    for (const auto& p : problem_list.problems()) out.push_back(p.toString());
    return out;
  }
};

inline ImportRun runImport(const FileSystem& fs, const ImportRequest& request,
                           const std::string& reject_value = "") {
  ImportRun run;
  run.sink.reject_value = reject_value;
  run.stats = importList(fs, request, run.sink, run.problem_list, &run.progress);
  return run;
}

}  // namespace esafety::classify::testing
