#include "console/list_job.h"

#include <fmt/format.h>

#include <algorithm>

namespace esafety::console {

std::string_view listJobPhaseName(ListJobPhase phase) {
  switch (phase) {
    case ListJobPhase::kIdle:
      return "idle";
    case ListJobPhase::kRunning:
      return "running";
    case ListJobPhase::kDone:
      return "done";
    case ListJobPhase::kFailed:
      return "failed";
  }
  return "idle";
}

// Progress and problems from the compile's thread, into the shared state.
class ListJob::Sinks final : public classify::ProgressSink, public classify::ProblemSink {
 public:
  explicit Sinks(ListJob& job) : job_(job) {}
  void progress(std::string_view file, uint64_t done, uint64_t total) override {
    MutexLock lock(job_.mutex_);
    job_.state_.file.assign(file);
    job_.state_.bytes_done = done;
    job_.state_.bytes_total = total;
  }
  void report(classify::ImportProblem problem) override {
    MutexLock lock(job_.mutex_);
    ++job_.state_.problem_count;
    if (problem.severity == classify::Severity::kError) ++job_.state_.error_count;
    if (job_.state_.problems.size() < kMaxProblems)
      job_.state_.problems.push_back(std::move(problem));
  }

 private:
  ListJob& job_;
};

ListJob::ListJob(store::Store& store, int64_t school, std::string index_path, const FileSystem& fs,
                 const Clock& clock, control::ListFolders folders)
    : store_(store),
      school_(school),
      index_path_(std::move(index_path)),
      fs_(fs),
      clock_(clock),
      folders_(std::move(folders)) {}

ListJob::~ListJob() {
  if (worker_.joinable()) worker_.join();
}

Status ListJob::start(std::string actor) {
  if (index_path_.empty()) {
    return failedPrecondition("This console has no data folder to write the lists' index to.");
  }
  MutexLock lock(mutex_);
  if (state_.phase == ListJobPhase::kRunning) {
    return failedPrecondition(
        fmt::format("The lists are being compiled already (started by {}). Wait for it to finish, "
                    "then try again.",
                    state_.started_by));
  }
  // The last compile's thread has finished its work; it only has to be joined.
  if (worker_.joinable()) worker_.join();
  state_ = ListJobState{};
  state_.phase = ListJobPhase::kRunning;
  state_.started_by = std::move(actor);
  state_.started_at = clock_.nowUnix();
  started_ = std::chrono::steady_clock::now();
  worker_ = std::thread([this] { run(); });
  return Status::ok();
}

bool ListJob::running() const {
  MutexLock lock(mutex_);
  return state_.phase == ListJobPhase::kRunning;
}

ListJobState ListJob::state() const {
  MutexLock lock(mutex_);
  ListJobState copy = state_;
  if (copy.phase == ListJobPhase::kRunning) {
    copy.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }
  return copy;
}

void ListJob::run() {
  Sinks sinks(*this);
  control::ConfinedListFiles files(fs_, folders_);
  auto report = control::compileLists(store_, school_, files, index_path_, &sinks, sinks);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  MutexLock lock(mutex_);
  state_.seconds = seconds;
  state_.file.clear();
  if (!report) {
    state_.phase = ListJobPhase::kFailed;
    state_.error = report.status().message();
    return;
  }
  state_.phase = ListJobPhase::kDone;
  state_.report = std::move(*report);
  state_.bytes_done = state_.bytes_total = std::max(state_.bytes_done, state_.bytes_total);
}

}  // namespace esafety::console
