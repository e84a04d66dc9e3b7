// ReportJob: the console's evidence pack (control/evidence_pack.h), made on
// its own thread (never the HTTP thread), one at a time, into
// <data>/reports/<from>-to-<to>/. The Reports page starts it and polls
// state() for the step and its progress; when it is done the page offers the
// zip and the printable report, read back from that folder.
//
//   ReportJob job(store, school, data_dir, events_path, clock);
//   if (Status s = job.start(range, "dsl@school.example"); !s.isOk()) ...  // one at a time
//   ReportJobState now = job.state();
//
// Thread safety: start() and state() from any thread. The destructor waits
// for a running pack to end, so the store must outlive the job. The job opens
// its own read-only connection to the event log.
#pragma once

#include <string>
#include <thread>

#include "control/school_report.h"
#include "core/clock.h"
#include "core/mutex.h"
#include "store/store.h"

namespace esafety::console {

enum class ReportJobPhase : uint8_t { kIdle, kRunning, kDone, kFailed };
std::string_view reportJobPhaseName(ReportJobPhase phase);  // "idle", "running", "done", "failed"

struct ReportJobState {
  ReportJobPhase phase = ReportJobPhase::kIdle;
  std::string started_by;
  int64_t started_at = 0;  // Unix seconds
  control::ReportRange range;
  std::string step;  // "blocks", "alerts", "audit", "self-test", "figures", "writing"
  int done = 0;      // steps done, of total
  int total = 0;
  std::string error;     // why it failed
  std::string zip_path;  // when done
  std::string html_path;
};

class ReportJob {
 public:
  ReportJob(store::Store& store, int64_t school, std::string data_dir, std::string events_path,
            const Clock& clock)
      : store_(store), school_(school), data_dir_(std::move(data_dir)),
        events_path_(std::move(events_path)), clock_(clock) {}
  ~ReportJob();
  ReportJob(const ReportJob&) = delete;
  ReportJob& operator=(const ReportJob&) = delete;

  // kFailedPrecondition when one is running or there is no data folder.
  Status start(const control::ReportRange& range, std::string actor);
  ReportJobState state() const;

 private:
  void run();

  store::Store& store_;
  const int64_t school_;
  const std::string data_dir_;
  const std::string events_path_;
  const Clock& clock_;

  mutable Mutex mutex_;
  ReportJobState state_ GUARDED_BY(mutex_);
  std::thread worker_;
};

}  // namespace esafety::console
