// SelftestStore: the filter self-test's part of the store (issue 14, item 6;
// migration 0013). The check itself is control/filter_selftest.h; this keeps
// what it found.
//
// recordSelftestRun() writes, in one transaction:
//   - the run and one row per check (group, category, path, target);
//   - for each group and category the run failed, a level-4 alert whose
//     subject is the group (not a pupil), unless the previous run that
//     checked that group and category failed it too: one alert per failure,
//     raised again only after the group and category has passed in between;
//   - an audit row "selftest.run" (which does not count as a policy change,
//     like the alerts' and the outbox's) and one "alert.raise" per alert.
//
// Thread safety: as Store (any thread).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "policy/model.h"

namespace esafety::store {

// What one check expected and found.
enum class SelftestOutcome : uint8_t { kBlocked, kAllowed, kError };
std::string_view selftestOutcomeName(SelftestOutcome outcome);  // "blocked", "allowed", "error"

struct SelftestCheck {
  std::string group;     // "KS1"
  std::string category;  // "pornography"
  std::string path;      // "proxy" or "dns"
  std::string target;    // "http://adult-demo.example/" or "adult-demo.example"
  bool expect_blocked = true;
  SelftestOutcome outcome = SelftestOutcome::kError;
  std::string detail;  // "403 block page", "HTTP 502 from the upstream", "no answer in 3 s"
  bool passed = false;
};

// An alert the run asks for: the store raises it only for a new failure.
struct SelftestAlert {
  std::string group;
  std::string category;
  int level = 4;
  std::string why;  // "the filter is not blocking pornography for KS1 (proxy: allowed)"
};

struct SelftestRun {
  int64_t id = 0;
  std::string trigger;  // "daily", "console" or "cli"
  std::string actor;
  int64_t started_at = 0;  // Unix seconds
  int64_t finished_at = 0;
  int64_t checks = 0;
  int64_t failures = 0;
  std::vector<SelftestCheck> results;  // empty when listed without them
};

struct RecordedSelftestRun {
  int64_t run_id = 0;
  std::vector<int64_t> alert_ids;  // the alerts this run raised
};

class SelftestStore {
 public:
  virtual ~SelftestStore() = default;

  // kInvalidArgument for an unknown trigger, path or a check without a group,
  // category or target. `alerts` are raised as described above.
  virtual Result<RecordedSelftestRun> recordSelftestRun(policy::SchoolId school,
                                                        const SelftestRun& run,
                                                        const std::vector<SelftestAlert>& alerts) = 0;
  // The newest `limit` (1..1000) runs, newest first; with their results when
  // `with_results`.
  virtual Result<std::vector<SelftestRun>> selftestRuns(policy::SchoolId school, int limit,
                                                        bool with_results) = 0;
};

}  // namespace esafety::store
