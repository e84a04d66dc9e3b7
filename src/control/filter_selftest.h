// FilterSelftest: the filter self-test (issue 14, item 6), one service for
// `esafety selftest`, the console's "Run now" and the daily run in
// `esafety serve`.
//
// run() plans the checks from the school's groups and self-test devices
// (selftest_plan.h), sends each through the prober (selftest_probe.h: the
// running proxy and DNS filter), records the run and every result
// (store/selftest_store.h), raises a level-4 alert for each group and
// category that newly fails ("the filter is not blocking pornography for
// KS1"; subject: the group), and queues the alert mail to the school's DSLs
// and IT technicians (people with the roles dsl and it_admin and an e-mail).
//
// A run with nothing to check (no self-test device, or neither the proxy nor
// the DNS filter on) is kFailedPrecondition, saying what to set up: a check
// that checks nothing must not pass.
//
//   NetworkProber prober(listenersFrom(config));
//   FilterSelftest selftest(store, kDefaultSchool, clock, prober);
//   auto report = selftest.run("cli", "it.technician");
//   if (report && report->run.failures == 0) ...
//
// Thread safety: as the Store and the prober it borrows; one run at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "control/selftest_probe.h"
#include "core/clock.h"
#include "store/store.h"

namespace esafety::control {

struct SelftestReport {
  store::SelftestRun run;  // with its id and results
  std::vector<std::string> untested_groups;
  std::vector<int64_t> alert_ids;  // raised by this run
};

class FilterSelftest {
 public:
  // (done, total) after each check.
  using Progress = std::function<void(size_t, size_t)>;

  FilterSelftest(store::Store& store, policy::SchoolId school, const Clock& clock,
                 SelftestProber& prober)
      : store_(store), school_(school), clock_(clock), prober_(prober) {}

  // `trigger`: "daily", "console" or "cli".
  Result<SelftestReport> run(std::string_view trigger, std::string_view actor,
                             const Progress& progress = {});

 private:
  void mailAlerts(const std::vector<int64_t>& alert_ids);

  store::Store& store_;
  policy::SchoolId school_;
  const Clock& clock_;
  SelftestProber& prober_;
};

}  // namespace esafety::control
