// esafety serve [--config FILE]
#include <spdlog/spdlog.h>

#include "app/cli_common.h"
#include "serve/server.h"

namespace esafety::app {

void addServeCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto* cmd = app.add_subcommand(
      "serve", "Run the filtering proxy, the DNS filter and the console until stopped");
  auto config = std::make_shared<std::string>();
  cmd->add_option("--config", *config, "Settings file (default: <data>/esafety.toml)");
  cmd->callback([&global, config, &run] {
    run = [&global, config] {
      spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
      serve::ServeOptions options;
      options.data_dir = global.data;
      options.config_path = *config;
      auto server = serve::Server::create(options);
      if (!server) return fail(server.status());
      Status s = (*server)->run();
      return s.isOk() ? kExitOk : fail(s);
    };
  });
}

}  // namespace esafety::app
