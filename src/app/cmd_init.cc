// esafety init [--demo] [--force] [--school NAME] [--urn URN]
#include <cstdio>

#include "app/cli_common.h"
#include "control/demo_staff.h"
#include "control/school_setup.h"

namespace esafety::app {

void addInitCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto* cmd = app.add_subcommand("init", "Create the school's data folder");
  auto options = std::make_shared<control::SetupOptions>();
  cmd->add_flag("--demo", options->demo,
                "Create the demo primary school: groups, devices and small demo lists");
  cmd->add_flag("--force", options->force, "Replace an existing database");
  cmd->add_option("--school", options->school_name, "The school's name")->capture_default_str();
  cmd->add_option("--urn", options->urn, "The school's DfE unique reference number");
  cmd->callback([&global, options, &run] {
    run = [&global, options] {
      control::DataDir dir{global.data};
      SystemClock clock;
      options->actor = defaultActor();
      classify::ProblemList problems;
      ProgressPrinter progress;
      auto report = control::initDataDir(dir, *options, clock, &progress, problems);
      progress.finish();
      printProblems(problems);
      if (!report) return fail(report.status());
      std::printf("Created %s in %s\n", options->demo ? "the demo school" : "the school",
                  dir.root.c_str());
      std::printf("  database: %s\n  index:    %s (%llu entries from %llu lists)\n",
                  dir.databasePath().c_str(), dir.indexPath().c_str(),
                  static_cast<unsigned long long>(report->entries),
                  static_cast<unsigned long long>(report->sources));
      if (options->demo) {
        std::printf("Try: esafety check http://adult-demo.example/ --group KS1 --data %s\n",
                    dir.root.c_str());
        std::printf("Demo console accounts (password \"%s\"):\n", std::string(control::kDemoPassword).c_str());
        for (const auto& staff : control::kDemoStaff) {
          std::printf("  %-32s %s\n", std::string(staff.email).c_str(), std::string(staff.role).c_str());
        }
      }
      return kExitOk;
    };
  });
}

}  // namespace esafety::app
