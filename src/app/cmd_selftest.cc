// esafety selftest [--json] [--config FILE] [--by NAME]
//
// The filter self-test (control/filter_selftest.h), for cron and monitoring:
// it sends each group's test names through the proxy and the DNS filter
// that esafety.toml says `esafety serve` listens on (so serve must be
// running), records the run in the store as the console's "Run now" and the
// daily run do, raises the alerts, prints a table (or --json), and exits 1
// when any check failed (or when nothing could be checked), 0 when all passed.
#include <fmt/format.h>

#include <cstdio>

#include "app/cli_common.h"
#include "control/filter_selftest.h"
#include "control/selftest_json.h"

namespace esafety::app {
namespace {

struct SelftestOptions {
  std::string config, by;
  bool json = false;
};

void printTable(const control::SelftestReport& report) {
  std::printf("%-14s %-16s %-5s %-42s %-8s %s\n", "GROUP", "CATEGORY", "PATH", "TARGET", "RESULT",
              "WHAT HAPPENED");
  for (const store::SelftestCheck& c : report.run.results) {
    std::printf("%-14s %-16s %-5s %-42s %-8s %s: %s\n", c.group.c_str(), c.category.c_str(),
                c.path.c_str(), c.target.c_str(), c.passed ? "pass" : "FAIL",
                std::string(store::selftestOutcomeName(c.outcome)).c_str(), c.detail.c_str());
  }
  for (const std::string& g : report.untested_groups) {
    std::printf("%-14s (not tested: no device in the room 'Self-test')\n", g.c_str());
  }
  std::printf("\n%lld checks, %lld failed; run %lld", static_cast<long long>(report.run.checks),
              static_cast<long long>(report.run.failures), static_cast<long long>(report.run.id));
  if (!report.alert_ids.empty()) std::printf("; %zu new alert(s) raised", report.alert_ids.size());
  std::printf("\n");
}

int runSelftest(const GlobalOptions& global, const SelftestOptions& o) {
  return withStore(global, [&](store::Store& store, const control::DataDir& dir, Clock& clock) {
    auto config = loadServeConfig(o.config.empty() ? dir.root + "/esafety.toml" : o.config);
    if (!config) return fail(config.status());
    control::NetworkProber prober(control::listenersFrom(*config));
    control::FilterSelftest selftest(store, policy::kDefaultSchool, clock, prober);
    auto report = selftest.run("cli", o.by.empty() ? defaultActor() : o.by);
    if (!report) {
      fail(report.status());
      return kExitFailure;  // nothing checked is never a pass, whatever the reason
    }
    if (o.json) {
      std::printf("%s\n", control::selftestReportJson(*report).dump(2).c_str());
    } else {
      printTable(*report);
    }
    return report->run.failures == 0 ? kExitOk : kExitFailure;
  });
}

}  // namespace

void addSelftestCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto o = std::make_shared<SelftestOptions>();
  auto* cmd = app.add_subcommand(
      "selftest",
      "Check that the running filter blocks what it must for each group (exit 1 on any failure)");
  cmd->add_flag("--json", o->json, "Print the run as JSON");
  cmd->add_option("--config", o->config, "Settings file (default: <data>/esafety.toml)");
  cmd->add_option("--by", o->by, "Who runs it, for the record (default: your login name)");
  cmd->callback([&global, o, &run] { run = [&global, o] { return runSelftest(global, *o); }; });
}

}  // namespace esafety::app
