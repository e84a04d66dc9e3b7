// Shared by the list-format fuzz targets: puts the fuzz input in a
// MemoryFileSystem as one or more list files and runs importList() on it with
// sinks that check the importers' promises: every problem and entry has a
// file, every line-level problem a line within the file, and nothing stops
// the import early.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "classify/importers.h"
#include "core/file_system.h"

namespace esafety::fuzz {

class CheckingSink final : public classify::EntrySink {
 public:
  Status add(const classify::ListEntry& entry) override {
    if (entry.where.file.empty() || entry.where.line == 0) std::abort();
    if (entry.category.empty()) std::abort();
    if (entry.value.empty() && entry.kind != classify::EntryKind::kExpression) std::abort();
    // Reject some entries, as a real index does with malformed hosts.
    if (!entry.value.empty() && entry.value.back() == 'x') return invalidArgument("ends with x");
    return Status::ok();
  }
};

class CheckingProblems final : public classify::ProblemSink {
 public:
  void report(classify::ImportProblem problem) override {
    if (problem.where.file.empty() || problem.reason.empty()) std::abort();
  }
};

class CheckingProgress final : public classify::ProgressSink {
 public:
  void progress(std::string_view file, uint64_t done, uint64_t total) override {
    if (done > total || done < last_) std::abort();
    last_ = done;
  }
  uint64_t last_ = 0;
};

// Imports `files` (path, contents) from `request`.
inline void importFuzzInput(const std::vector<std::pair<std::string, std::string>>& files,
                            const classify::ImportRequest& request) {
  MemoryFileSystem fs;
  for (const auto& [path, contents] : files) fs.put(path, contents);
  CheckingSink sink;
  CheckingProblems problems;
  CheckingProgress progress;
  classify::ImportStats stats = classify::importList(fs, request, sink, problems, &progress);
  if (stats.files > 0 && stats.lines == 0 && stats.entries > 0) std::abort();
}

inline std::string asText(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

}  // namespace esafety::fuzz
