// esafety: one binary, many commands. This file only wires them together;
// each command lives in its own cmd_*.cc and the work in the libraries.
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>

#include <CLI/CLI.hpp>

#include "app/cli_common.h"

int main(int argc, char** argv) {
  // Everything esafety writes (databases, keys, uploaded lists, backups)
  // holds safeguarding data or secrets: readable by its owner alone.
  ::umask(077);
  using namespace esafety::app;
  CLI::App app{"esafety: e-safety for primary schools (filtering, supervision, AUPs, incidents)"};
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(
      "Every command takes --data DIR (default var/).\n"
      "Exit codes: 0 done, 1 failed, 2 bad input, 3 refused by policy.");
  GlobalOptions global;
  app.add_option("--data", global.data, "Folder holding the school's data")->capture_default_str();
  Runner run;
  addInitCommand(app, global, run);
  addCheckCommand(app, global, run);
  addListsCommand(app, global, run);
  addPolicyCommand(app, global, run);
  addCategoriesCommand(app, global, run);
  addServeCommand(app, global, run);
  addLogsCommand(app, global, run);
  addCaCommand(app, global, run);
  addPeopleCommand(app, global, run);
  addDevicesCommand(app, global, run);
  addSignInCommand(app, global, run);
  addBackupCommands(app, global, run);
  addAlertsCommand(app, global, run);
  addMailCommand(app, global, run);
  addSelftestCommand(app, global, run);
  addReportCommand(app, global, run);
  addMonitoringCommand(app, global, run);
  addRecordsCommand(app, global, run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }
  // Paths recorded in the store (the demo lists) must not depend on the
  // folder the command happened to run from.
  std::error_code ec;
  auto absolute = std::filesystem::absolute(global.data, ec);
  if (!ec) global.data = absolute.lexically_normal().string();
  while (global.data.size() > 1 && global.data.back() == '/') global.data.pop_back();
  return run ? run() : kExitBadInput;
}
