// esafety serve [--config FILE] [--test-clock FILE]
#include <spdlog/spdlog.h>

#include "app/cli_common.h"
#include "serve/server.h"

namespace esafety::app {

void addServeCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto* cmd = app.add_subcommand(
      "serve", "Run the filtering proxy, the DNS filter and the console until stopped");
  auto config = std::make_shared<std::string>();
  cmd->add_option("--config", *config, "Settings file (default: <data>/esafety.toml)");
  auto test_clock = std::make_shared<std::string>();
  cmd->add_option("--test-clock", *test_clock,
                  "FOR TESTS ONLY: move the alert notifier's clock by the seconds in this file "
                  "(needs ESAFETY_ALLOW_TEST_CLOCK=1)");
  cmd->callback([&global, config, test_clock, &run] {
    run = [&global, config, test_clock] {
      spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
      serve::ServeOptions options;
      options.data_dir = global.data;
      options.config_path = *config;
      options.test_clock_path = *test_clock;
      auto server = serve::Server::create(options);
      if (!server) return fail(server.status());
      Status s = (*server)->run();
      return s.isOk() ? kExitOk : fail(s);
    };
  });
}

}  // namespace esafety::app
