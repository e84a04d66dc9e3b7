#include "control/selftest_json.h"

namespace esafety::control {

nlohmann::json selftestRunJson(const store::SelftestRun& run) {
  nlohmann::json results = nlohmann::json::array();
  for (const store::SelftestCheck& c : run.results) {
    results.push_back({{"group", c.group},
                       {"category", c.category},
                       {"path", c.path},
                       {"target", c.target},
                       {"expected", c.expect_blocked ? "blocked" : "allowed"},
                       {"outcome", store::selftestOutcomeName(c.outcome)},
                       {"detail", c.detail},
                       {"passed", c.passed}});
  }
  return {{"id", run.id},
          {"trigger", run.trigger},
          {"actor", run.actor},
          {"started_ms", run.started_at * 1000},
          {"finished_ms", run.finished_at * 1000},
          {"checks", run.checks},
          {"failures", run.failures},
          {"passed", run.failures == 0},
          {"results", std::move(results)}};
}

nlohmann::json selftestReportJson(const SelftestReport& report) {
  nlohmann::json out = selftestRunJson(report.run);
  out["untested_groups"] = report.untested_groups;
  out["alerts"] = report.alert_ids;
  return out;
}

}  // namespace esafety::control
