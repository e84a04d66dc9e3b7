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
#include <optional>
#include <string>

#include <boost/beast/http.hpp>

#include "core/clock.h"
#include "store/store.h"

namespace esafety::serve {

class ConsoleWeb {
 public:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response = boost::beast::http::response<boost::beast::http::string_body>;

  ConsoleWeb(store::Store& store, const Clock& clock, const std::string& data_dir, bool secure_cookies);
  ~ConsoleWeb();

  Response api(const Request& request, const std::string& client_ip);
  // For a request whose body has not been read yet: the API's refusal from
  // the head alone (unknown route, no session, no permission, no CSRF
  // token), or nullopt. `needs_session` says the route is not public, so a
  // larger body may follow. The listener calls this before reading a body.
  std::optional<Response> refuseHead(const Request& head, const std::string& client_ip,
                                     bool& needs_session);
  Response asset(const Request& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace esafety::serve
