// esafety report --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--by NAME]
//
// The termly report and the DfE evidence pack (control/evidence_pack.h):
// writes report.html, the CSV behind each table, the filter configuration,
// the monitoring rules and the audit of the period into DIR, and zips them
// into DIR/evidence-pack-<from>-to-<to>.zip. Both days are included, in the
// school's local time. Progress goes to stderr, one line per step; the
// paths written go to stdout. Making a pack is audited with who made it.
#include <cstdio>
#include <filesystem>

#include "app/cli_common.h"
#include "control/evidence_pack.h"

namespace esafety::app {
namespace {

struct ReportOptions {
  std::string from, to, out, by;
};

int runReport(const GlobalOptions& global, const ReportOptions& o) {
  return withStore(global, [&](store::Store& store, const control::DataDir& dir, Clock& clock) {
    auto range = control::parseReportRange(clock, o.from, o.to);
    if (!range) return fail(range.status());
    // No events.db yet (serve never ran): a report with no requests.
    std::unique_ptr<events::SqliteEventStore> events;
    const std::string events_path = events::eventsDatabasePath(dir.root);
    if (std::filesystem::exists(events_path)) {
      auto log = events::SqliteEventStore::open(events_path, clock, {.read_only = true});
      if (!log) return fail(log.status());
      events = std::move(*log);
    }
    control::EvidencePackWriter writer(store, events.get(), policy::kDefaultSchool, clock);
    auto progress = [](std::string_view step, int done, int total) {
      std::fprintf(stderr, "report: %.*s (%d/%d)\n", static_cast<int>(step.size()), step.data(),
                   done, total);
    };
    auto pack = writer.write(*range, o.out, o.by.empty() ? defaultActor() : o.by, progress);
    if (!pack) return fail(pack.status());
    std::printf("%s\n%s\n", pack->html_path.c_str(), pack->zip_path.c_str());
    return kExitOk;
  });
}

}  // namespace

void addReportCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto o = std::make_shared<ReportOptions>();
  auto* cmd = app.add_subcommand(
      "report", "Write the termly report (HTML and CSV) and the DfE evidence pack (zip)");
  cmd->add_option("--from", o->from, "The first day, YYYY-MM-DD")->required();
  cmd->add_option("--to", o->to, "The last day (included), YYYY-MM-DD")->required();
  cmd->add_option("--out", o->out, "The folder to write into (made if missing)")->required();
  cmd->add_option("--by", o->by, "Who makes the pack, for the audit (default: your login name)");
  cmd->callback([&global, o, &run] { run = [&global, o] { return runReport(global, *o); }; });
}

}  // namespace esafety::app
