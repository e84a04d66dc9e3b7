// ListJob: the console's compile of the school's category lists, on its own
// thread (never the HTTP thread), one at a time. The Lists page starts it
// and polls state() for progress in bytes, the problems found (file:line and
// reason) and, when it ends, what was compiled. The running filter picks up
// the new index by itself: `esafety serve` reloads its policy when the index
// file changes (src/serve/server.cc), as it does after `esafety lists compile`.
//
//   ListJob job(store, school, index_path, RealFileSystem(), clock, folders);
//   if (Status s = job.start("it@school.example"); !s.isOk()) ...  // kFailedPrecondition: one runs
//   ListJobState now = job.state();
//
// Thread safety: start() and state() may be called from any thread. The
// destructor waits for a running compile to end (a compile cannot be cut
// short), so the store and the file system must outlive the job. Each
// compile reads through its own ConfinedListFiles (control/list_folders.h):
// only the list folders, and at most their byte limits per compile.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "classify/list_entry.h"
#include "control/list_compiler.h"
#include "control/list_folders.h"
#include "core/clock.h"
#include "core/file_system.h"
#include "core/mutex.h"
#include "store/store.h"

namespace esafety::console {

enum class ListJobPhase : uint8_t { kIdle, kRunning, kDone, kFailed };
std::string_view listJobPhaseName(ListJobPhase phase);  // "idle", "running", "done", "failed"

struct ListJobState {
  ListJobPhase phase = ListJobPhase::kIdle;
  std::string started_by;
  int64_t started_at = 0;   // unix seconds
  std::string file;         // the file being read
  uint64_t bytes_done = 0;  // across every list
  uint64_t bytes_total = 0;
  double seconds = 0;             // so far, or the whole compile once it ended
  control::CompileReport report;  // when done
  // The first kMaxProblems problems, in the order found, and how many there
  // were in all (errors are rejected lines; warnings are kept lines).
  std::vector<classify::ImportProblem> problems;
  uint64_t problem_count = 0;
  uint64_t error_count = 0;
  std::string error;  // why it failed (the index could not be written, ...)
};

class ListJob {
 public:
  static constexpr size_t kMaxProblems = 200;

  // `index_path` empty: the console has no data folder, and start() says so.
  ListJob(store::Store& store, int64_t school, std::string index_path, const FileSystem& fs,
          const Clock& clock, control::ListFolders folders);
  ~ListJob();
  ListJob(const ListJob&) = delete;
  ListJob& operator=(const ListJob&) = delete;

  // Starts a compile of every registered list for `actor`. kFailedPrecondition
  // when one is already running, or when there is nowhere to write the index.
  Status start(std::string actor);
  bool running() const;
  ListJobState state() const;

 private:
  class Sinks;
  void run();

  store::Store& store_;
  int64_t school_;
  std::string index_path_;
  const FileSystem& fs_;
  const Clock& clock_;
  const control::ListFolders folders_;

  mutable Mutex mutex_;
  ListJobState state_ GUARDED_BY(mutex_);
  std::chrono::steady_clock::time_point started_;
  std::thread worker_;
};

}  // namespace esafety::console
