#include "console/json_body.h"

namespace esafety::console {

using nlohmann::json;

std::optional<json> jsonBody(const ApiRequest& req) {
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object()) return std::nullopt;
  return body;
}

std::string stringField(const json& body, std::string_view key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<int64_t> intField(const json& body, std::string_view key) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

bool boolField(const json& body, std::string_view key) {
  auto it = body.find(key);
  return it != body.end() && it->is_boolean() && it->get<bool>();
}

ApiResponse statusResponse(const Status& status, std::string_view what) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return errorResponse(400, status.message());
    case StatusCode::kNotFound:
      return errorResponse(404, status.message());
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kPermissionDenied:
      return errorResponse(409, status.message());
    default:
      return errorResponse(503, std::string(what) + ": " + status.message());
  }
}

}  // namespace esafety::console
