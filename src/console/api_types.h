// The console API's request and response, as plain data: the HTTP layer
// (serve/console_service.cc, Beast) fills an ApiRequest and writes the
// ApiResponse back, so routes and their tests need no sockets.
//
//   ApiResponse r = jsonResponse(200, {{"ok", true}});
//   ApiResponse e = errorResponse(403, "Your role may not change the filter policy.");
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace esafety::console {

struct ApiRequest {
  std::string method;  // "GET", "POST", "DELETE", ...
  std::string path;    // "/api/v1/events", without the query
  std::map<std::string, std::string> query;  // decoded; the last value wins
  std::string body;
  std::string content_type;
  std::string cookie;      // the Cookie header, as sent
  std::string csrf_token;  // the X-CSRF-Token header
  std::string client_ip;
  // False for a check that is not the person's doing (a live stream asking
  // again whether its session still stands): the session's idle timer is
  // not restarted by it.
  bool touch_session = true;

  // The query value for `key`, or "" when absent.
  std::string_view param(const std::string& key) const;
  // The value of the cookie called `name`, or "".
  std::string_view cookieValue(std::string_view name) const;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra, e.g. Set-Cookie
};

ApiResponse jsonResponse(int status, const nlohmann::json& body);
// {"error": message}; the message is plain words for the person reading it.
ApiResponse errorResponse(int status, std::string_view message);

}  // namespace esafety::console
