// Private to src/serve: the web console on the console listener, the JSON
// API under /api/ (src/console routes) and the single-page app's files for
// every other GET. console_service.cc hands it the requests it does not
// serve itself.
//
//   ConsoleWeb web(store, clock, data_dir, secure);
//   if (path.starts_with("/api/")) return web.api(req, client_ip);
//   return web.asset(req);   // index.html for page paths, 404 for missing files
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include <boost/beast/http.hpp>

#include "alerts/alert_notifier.h"
#include "console/sign_in_flow.h"
#include "core/clock.h"
#include "core/config.h"
#include "identity/login_throttle.h"
#include "store/store.h"

namespace esafety::control {
class SelftestRunner;  // control/selftest_runner.h
class RestrictionPublisher;  // control/restriction_publisher.h
}

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
  // For a request whose body has not been read yet: the API's refusal from
  // the head alone (unknown route, no session, no permission, no CSRF
  // token), or nullopt. `needs_session` says the route is not public, so a
  // larger body may follow. The listener calls this before reading a body.
  std::optional<Response> refuseHead(const Request& head, const std::string& client_ip,
                                     bool& needs_session);
  Response asset(const Request& request);
  // For the class view's stream (GET /api/v1/classview/stream?room=): the
  // refusal from the head, as refuseHead(), or 403 when the caller may not
  // watch that room; else the room's name (the caller's first when none
  // was asked for; "" when they may watch none).
  std::variant<Response, std::string> classStreamRoom(const Request& head, const std::string& client_ip);
  // For a long-lived request (the alerts stream): whether its session still
  // stands and may still use the route, without restarting the session's
  // idle timer (an open page alone must not keep a session alive).
  bool stillAdmitted(const Request& head, const std::string& client_ip);
  // The notifier the triage route tells (alerts/alert_notifier.h).
  void setAlertNotifier(alerts::AlertNotifier* notifier);

  // Shares the portal's and the proxy's LoginThrottle, and re-checks each
  // session's account whenever `accounts_generation` moves (the policy's:
  // a deactivation, a role or a password changed by `esafety people`).
  void connect(identity::LoginThrottle& throttle, std::function<uint64_t()> accounts_generation);
  // The self-test runner behind the Self-test page's "Run now" (borrowed; outlives this).
  void connectSelftest(control::SelftestRunner* runner);
  // Publishes the device restrictions the console changes to the proxy (borrowed; outlives this).
  void connectRestrictions(control::RestrictionPublisher* publisher);

  // POST /api/v1/session in the steps of console/sign_in_flow.h, so the
  // password check can run elsewhere (console_sign_in.h): begin and finish
  // on the console's thread, the passwordCheck on any (it holds only the
  // store, the clock and a copy of the sign-in).
  static bool isSignIn(const Request& request);
  std::variant<Response, console::PendingSignIn> beginSignIn(const Request& request,
                                                             const std::string& client_ip);
  console::PasswordCheck passwordCheck(const console::PendingSignIn& pending) const;
  Response finishSignIn(const Request& request, const std::string& client_ip,
                        const console::PendingSignIn& pending, Result<identity::Person> person);
  Response passwordChecksBusy(const Request& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace esafety::serve
