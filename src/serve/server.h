// Server: `esafety serve`. Loads the school's policy and config, starts the
// event pipeline, the data-plane worker threads and the enabled services
// (proxy, DNS, console), and runs until SIGINT or SIGTERM, when it shuts down
// gracefully: listeners close, work in flight gets a few seconds to finish,
// and every queued event is written before run() returns.
//
// Policy reloads without dropping a connection: on SIGHUP, and by itself
// within about two seconds of any change made through the store (the CLI or
// the console) or of a recompiled list index. A reload that fails keeps the
// policy in force and logs why.
//
//   auto server = Server::create({.data_dir = "var"});
//   if (!server) { print(server.status().message()); return 1; }
//   return (*server)->run().isOk() ? 0 : 1;
//
// Threads: create() and run() from the main thread, which becomes the control
// thread; requestStop() from any thread.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"

namespace esafety::serve {

struct ServeOptions {
  std::string data_dir = "var";
  std::string config_path;  // default: <data_dir>/esafety.toml
  // For tests only (serve/test_clock.h): a file holding seconds to move the
  // alert notifier's clock by; refused without ESAFETY_ALLOW_TEST_CLOCK=1.
  std::string test_clock_path;
};

class Server {
 public:
  static Result<std::unique_ptr<Server>> create(const ServeOptions& options);
  ~Server();
  Status run();
  void requestStop();

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace esafety::serve
