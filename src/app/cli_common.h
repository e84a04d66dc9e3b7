// What every esafety command shares: the data directory option, the actor
// name for the audit trail, exit codes, error printing and progress output.
//
// Exit codes (documented in `esafety --help`):
//   0  done
//   1  something failed (disk, database)
//   2  the input was wrong (a bad URL, an unknown group, a missing file)
//   3  refused by policy (e.g. allowing illegal content)
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "classify/list_entry.h"
#include "control/data_dir.h"
#include "core/status.h"

namespace esafety::app {

struct GlobalOptions {
  std::string data = "var";
};

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitRefused = 3;

int exitCodeFor(const Status& status);
// Prints "esafety: <message>" to stderr and returns the exit code.
int fail(const Status& status);

// Opens the data folder's store and runs `fn(store, dir, clock)`; a store
// that cannot be opened is the command's error (printed, exit code returned).
template <typename Fn>
int withStore(const GlobalOptions& global, Fn&& fn) {
  SystemClock clock;
  control::DataDir dir{global.data};
  auto store = control::openStore(dir, clock);
  if (!store) return fail(store.status());
  return fn(**store, dir, clock);
}

// The person making a change: --by, else the login name.
std::string defaultActor();

// Prints problems as "file:line: error: reason" on stderr; returns the count of errors.
size_t printProblems(const classify::ProblemList& problems);

// Progress on stderr: a line rewritten in place on a terminal, one line per
// 10% otherwise (CI logs, the demo script).
class ProgressPrinter final : public classify::ProgressSink {
 public:
  void progress(std::string_view file, uint64_t done, uint64_t total) override;
  void finish();

 private:
  double last_print_ = -1;
  int last_decile_ = -1;
  bool printed_ = false;
};

// Each command file adds its subcommand; `run` is set to the action.
using Runner = std::function<int()>;
void addInitCommand(CLI::App& app, GlobalOptions& global, Runner& run);
void addCheckCommand(CLI::App& app, GlobalOptions& global, Runner& run);
void addListsCommand(CLI::App& app, GlobalOptions& global, Runner& run);
void addPolicyCommand(CLI::App& app, GlobalOptions& global, Runner& run);
void addCategoriesCommand(CLI::App& app, GlobalOptions& global, Runner& run);
void addServeCommand(CLI::App& app, GlobalOptions& global, Runner& run);
void addLogsCommand(CLI::App& app, GlobalOptions& global, Runner& run);
void addCaCommand(CLI::App& app, GlobalOptions& global, Runner& run);
void addPeopleCommand(CLI::App& app, GlobalOptions& global, Runner& run);
void addDevicesCommand(CLI::App& app, GlobalOptions& global, Runner& run);
// devices pause|restrict|release|restrictions (cmd_restrictions.cc), under `devices`.
void addDeviceRestrictionCommands(CLI::App& devices, GlobalOptions& global, Runner& run);
void addSignInCommand(CLI::App& app, GlobalOptions& global, Runner& run);
void addBackupCommands(CLI::App& app, GlobalOptions& global, Runner& run);
void addAlertsCommand(CLI::App& app, GlobalOptions& global, Runner& run);
// `esafety alerts rota`, under the alerts command (cmd_alerts_rota.cc).
void addAlertsRotaCommand(CLI::App& alerts, GlobalOptions& global, Runner& run);
void addMailCommand(CLI::App& app, GlobalOptions& global, Runner& run);
void addSelftestCommand(CLI::App& app, GlobalOptions& global, Runner& run);
void addReportCommand(CLI::App& app, GlobalOptions& global, Runner& run);
void addMonitoringCommand(CLI::App& app, GlobalOptions& global, Runner& run);
// esafety records raise|incident|list|show|verify (cmd_records.cc).
void addRecordsCommand(CLI::App& app, GlobalOptions& global, Runner& run);

}  // namespace esafety::app
