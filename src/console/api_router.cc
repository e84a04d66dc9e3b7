#include "console/api_router.h"

#include <sodium.h>

namespace esafety::console {
namespace {

bool isSafeMethod(std::string_view method) { return method == "GET" || method == "HEAD"; }

// Compares without leaking, through timing, how much of a guess was right.
bool tokensEqual(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

void ApiRouter::add(std::string method, std::string path, identity::Permission permission,
                    ApiHandler handler) {
  routes_.push_back({std::move(method), std::move(path), permission, std::move(handler)});
}

void ApiRouter::addPublic(std::string method, std::string path, ApiHandler handler) {
  routes_.push_back({std::move(method), std::move(path), std::nullopt, std::move(handler)});
}

ApiResponse ApiRouter::handle(const ApiRequest& request) const {
  const ApiRoute* route = nullptr;
  bool path_known = false;
  for (const ApiRoute& r : routes_) {
    if (r.path != request.path) continue;
    path_known = true;
    if (r.method == request.method || (request.method == "HEAD" && r.method == "GET")) {
      route = &r;
      break;
    }
  }
  if (route == nullptr) {
    return path_known ? errorResponse(405, "That method is not allowed here.")
                      : errorResponse(404, "There is no such API path.");
  }
  if (!request.body.empty() && !request.content_type.starts_with("application/json")) {
    return errorResponse(415, "Send JSON, with Content-Type: application/json.");
  }
  const ConsoleSession* session = sessions_.find(request.cookieValue(kSessionCookie));
  if (route->permission) {
    if (session == nullptr) return errorResponse(401, "Please sign in.");
    if (!identity::allowed(session->role, *route->permission)) {
      return errorResponse(403, "Your account may not do this. Ask the school's IT technician if you need to.");
    }
    if (!isSafeMethod(request.method) && !tokensEqual(request.csrf_token, session->csrf)) {
      return errorResponse(403, "This request did not carry the page's security token. Reload the page and try again.");
    }
  }
  return route->handler(request, session);
}

}  // namespace esafety::console
