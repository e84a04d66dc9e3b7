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

ApiAdmission ApiRouter::admit(const ApiRequest& request) const {
  ApiAdmission out;
  bool path_known = false;
  for (const ApiRoute& r : routes_) {
    if (r.path != request.path) continue;
    path_known = true;
    if (r.method == request.method || (request.method == "HEAD" && r.method == "GET")) {
      out.route = &r;
      break;
    }
  }
  auto refuse = [&](int status, std::string_view words) {
    out.route = nullptr;
    out.session = nullptr;
    out.refusal = errorResponse(status, words);
    return out;
  };
  if (out.route == nullptr) {
    return path_known ? refuse(405, "That method is not allowed here.")
                      : refuse(404, "There is no such API path.");
  }
  if (!request.body.empty() && !request.content_type.starts_with("application/json")) {
    return refuse(415, "Send JSON, with Content-Type: application/json.");
  }
  out.session = sessions_.find(request.cookieValue(kSessionCookie), request.touch_session);
  if (out.route->permission) {
    if (out.session == nullptr) return refuse(401, "Please sign in.");
    if (!identity::allowed(out.session->role, *out.route->permission)) {
      return refuse(403, "Your account may not do this. Ask the school's IT technician if you need to.");
    }
    if (!isSafeMethod(request.method) && !tokensEqual(request.csrf_token, out.session->csrf)) {
      return refuse(403, "This request did not carry the page's security token. Reload the page and try again.");
    }
  }
  return out;
}

ApiResponse ApiRouter::handle(const ApiRequest& request) const {
  ApiAdmission admission = admit(request);
  if (admission.refusal) return std::move(*admission.refusal);
  return admission.route->handler(request, admission.session);
}

}  // namespace esafety::console
