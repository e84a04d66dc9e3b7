// The console API's routes, each declaring the permission it needs, and the
// one place that enforces sign-in, permissions and CSRF:
//
//   ApiRouter router(sessions);
//   router.add("GET", "/api/v1/events", Permission::kSearchActivity, searchEvents);
//   router.addPublic("POST", "/api/v1/session", signIn);   // no session needed
//   ApiResponse r = router.handle(request);
//
// For a route with a permission: no live session -> 401; a role without the
// permission -> 403; a method other than GET or HEAD without the session's
// CSRF token in X-CSRF-Token -> 403. Any request with a body must say
// Content-Type: application/json, which a cross-site form cannot send.
// Unknown path -> 404; known path, other method -> 405.
//
// admit() runs the same checks on the request head alone, before its body is
// read: the console listener refuses an unauthenticated or unauthorised
// upload after its head, without reading (or holding) the body.
//
// routes() lists every route, so a test can run every role against every
// route. Not thread-safe: the console's one thread uses it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "console/api_types.h"
#include "console/sessions.h"
#include "identity/permissions.h"

namespace esafety::console {

// What a handler gets besides the request: the signed-in session, if any
// (always set for routes with a permission).
using ApiHandler = std::function<ApiResponse(const ApiRequest&, const ConsoleSession*)>;

struct ApiRoute {
  std::string method;
  std::string path;
  std::optional<identity::Permission> permission;  // nullopt: public
  ApiHandler handler;
};

// What admit() found: the route and session to run, or the refusal to send.
struct ApiAdmission {
  const ApiRoute* route = nullptr;          // set unless refused
  const ConsoleSession* session = nullptr;  // set for routes with a permission
  std::optional<ApiResponse> refusal;       // 404, 405, 415, 401 or 403
};

class ApiRouter {
 public:
  explicit ApiRouter(ConsoleSessions& sessions) : sessions_(sessions) {}

  void add(std::string method, std::string path, identity::Permission permission, ApiHandler handler);
  void addPublic(std::string method, std::string path, ApiHandler handler);

  ApiResponse handle(const ApiRequest& request) const;
  // Every check handle() makes before it runs the route; the body's own
  // check (a body must be JSON) applies only when request.body is set.
  ApiAdmission admit(const ApiRequest& request) const;
  const std::vector<ApiRoute>& routes() const { return routes_; }

  static constexpr std::string_view kSessionCookie = "esafety_session";

 private:
  ConsoleSessions& sessions_;
  std::vector<ApiRoute> routes_;
};

}  // namespace esafety::console
