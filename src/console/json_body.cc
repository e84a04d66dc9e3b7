#include "console/json_body.h"

#include <sodium.h>

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

Result<std::string> decodeBase64(std::string_view text) {
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), "\r\n", &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return invalidArgument("not base64");
  }
  bytes.resize(length);
  return bytes;
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
