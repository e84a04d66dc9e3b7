#include "console/api_types.h"

#include <nlohmann/json.hpp>

namespace esafety::console {

std::string_view ApiRequest::param(const std::string& key) const {
  auto it = query.find(key);
  return it == query.end() ? std::string_view{} : std::string_view(it->second);
}

std::string_view ApiRequest::cookieValue(std::string_view name) const {
  std::string_view rest = cookie;
  while (!rest.empty()) {
    size_t end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
  }
  return {};
}

ApiResponse jsonResponse(int status, const nlohmann::json& body) {
  ApiResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

ApiResponse errorResponse(int status, std::string_view message) {
  return jsonResponse(status, {{"error", message}});
}

}  // namespace esafety::console
