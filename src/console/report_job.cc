#include "console/report_job.h"

#include <filesystem>

#include <fmt/format.h>

#include "control/evidence_pack.h"
#include "event_log/sqlite_event_store.h"

namespace esafety::console {

std::string_view reportJobPhaseName(ReportJobPhase phase) {
  switch (phase) {
    case ReportJobPhase::kIdle:
      return "idle";
    case ReportJobPhase::kRunning:
      return "running";
    case ReportJobPhase::kDone:
      return "done";
    case ReportJobPhase::kFailed:
      return "failed";
  }
  return "idle";
}

ReportJob::~ReportJob() {
  if (worker_.joinable()) worker_.join();
}

Status ReportJob::start(const control::ReportRange& range, std::string actor) {
  if (data_dir_.empty()) return failedPrecondition("This console has no data folder to write to.");
  MutexLock lock(mutex_);
  if (state_.phase == ReportJobPhase::kRunning) {
    return failedPrecondition(fmt::format(
        "A report is being made already (started by {}). Wait for it to finish, then try again.",
        state_.started_by));
  }
  // The last pack's thread has finished its work; it only has to be joined.
  if (worker_.joinable()) worker_.join();
  state_ = ReportJobState{.phase = ReportJobPhase::kRunning,
                          .started_by = std::move(actor),
                          .started_at = clock_.nowUnix(),
                          .range = range};
  worker_ = std::thread([this] { run(); });
  return Status::ok();
}

ReportJobState ReportJob::state() const {
  MutexLock lock(mutex_);
  return state_;
}

void ReportJob::run() {
  control::ReportRange range;
  std::string actor;
  {
    MutexLock lock(mutex_);
    range = state_.range;
    actor = state_.started_by;
  }
  auto progress = [this](std::string_view step, int done, int total) {
    MutexLock lock(mutex_);
    state_.step = std::string(step);
    state_.done = done;
    state_.total = total;
  };
  auto pack = [&]() -> Result<control::EvidencePack> {
    // No events.db yet (nothing has been filtered): a report with no requests.
    std::unique_ptr<events::SqliteEventStore> events;
    if (std::filesystem::exists(events_path_)) {
      auto log = events::SqliteEventStore::open(events_path_, clock_, {.read_only = true});
      if (!log) return log.status();
      events = std::move(*log);
    }
    control::EvidencePackWriter writer(store_, events.get(), school_, clock_);
    const std::string dir =
        fmt::format("{}/reports/{}-to-{}", data_dir_, range.from_date, range.to_date);
    return writer.write(range, dir, actor, progress);
  }();
  MutexLock lock(mutex_);
  if (!pack) {
    state_.phase = ReportJobPhase::kFailed;
    state_.error = pack.status().message();
    return;
  }
  state_.phase = ReportJobPhase::kDone;
  state_.zip_path = pack->zip_path;
  state_.html_path = pack->html_path;
}

}  // namespace esafety::console
