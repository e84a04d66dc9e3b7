// Compiles a school's registered list sources into the category index file.
// Every source is read again, so the index always matches the store; a bad
// line or a missing file is a problem in the report, never the end of the
// compile. Progress is reported in bytes across all files of all sources,
// once from 0 to the total (sized before reading starts).
//
//   CompileReport r = compileLists(store, school, RealFileSystem(), dir.indexPath(),
//                                  &progress, problems).value();
#pragma once

#include <string>
#include <vector>

#include "classify/importers.h"
#include "core/file_system.h"
#include "store/store.h"

namespace esafety::control {

struct CompileReport {
  uint64_t sources = 0;
  uint64_t files = 0;
  uint64_t lines = 0;
  uint64_t entries = 0;
  uint64_t rejected = 0;
  uint64_t index_bytes = 0;
  double seconds = 0;
  std::vector<std::string> new_categories;  // created because a list named them
};

// Fails only when the index cannot be written or the store cannot be read.
Result<CompileReport> compileLists(store::Store& store, policy::SchoolId school,
                                   const FileSystem& fs, const std::string& index_path,
                                   classify::ProgressSink* progress,
                                   classify::ProblemSink& problems);

}  // namespace esafety::control
