// The JSON of a filter self-test run, written once for the console's API
// (routes_selftest.cc) and `esafety selftest --json`; the shape is
// docs/api/openapi.yaml's SelftestRun. Times are Unix milliseconds.
//
// Pure functions; any thread.
#pragma once

#include <nlohmann/json.hpp>

#include "control/filter_selftest.h"
#include "store/selftest_store.h"

namespace esafety::control {

// {"id", "trigger", "actor", "started_ms", "finished_ms", "checks", "failures",
//  "passed", "results": [{"group", "category", "path", "target", "expected",
//  "outcome", "detail", "passed"}]}
nlohmann::json selftestRunJson(const store::SelftestRun& run);
// selftestRunJson(report.run) with "untested_groups" and "alerts" (the ids raised).
nlohmann::json selftestReportJson(const SelftestReport& report);

}  // namespace esafety::control
