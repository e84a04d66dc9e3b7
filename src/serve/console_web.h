// Private to src/serve: the web console on the console listener, the JSON
// API under /api/ (src/console routes) and the single-page app's files for
// every other GET. console_service.cc hands it the requests it does not
// serve itself.
//
//   ConsoleWeb web(store, clock, data_dir, secure);
//   if (path.starts_with("/api/")) return web.api(req, client_ip);
//   return web.asset(req);   // index.html for page paths, 404 for missing files
#pragma once

#include <memory>
#include <string>

#include <boost/beast/http.hpp>

#include "core/clock.h"
#include "core/config.h"
#include "store/store.h"

namespace esafety::serve {

class ConsoleWeb {
 public:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  // `lists`: where category lists may be read from (esafety.toml [lists]).
  ConsoleWeb(store::Store& store, const Clock& clock, const std::string& data_dir,
             bool secure_cookies, const ServeConfig::Lists& lists = {});
  ~ConsoleWeb();

  Response api(const Request& request, const std::string& client_ip);
  Response asset(const Request& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace esafety::serve
