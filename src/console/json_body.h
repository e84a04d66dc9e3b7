// Reading a route's JSON body and turning a Status into an HTTP answer, the
// same way for every route:
//
//   auto body = jsonBody(req);                 // nullopt: not a JSON object
//   if (!body) return errorResponse(400, "Give the device's name.");
//   std::string name = stringField(*body, "name");
//   if (Status s = doIt(); !s.isOk()) return statusResponse(s, "The device cannot be saved");
//
// statusResponse never answers 401 or 403: those mean "sign in" and "not
// allowed" to the console, which only the router decides.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "console/api_types.h"
#include "core/status.h"

namespace esafety::console {

std::optional<nlohmann::json> jsonBody(const ApiRequest& req);
// The field as a string; "" when absent or not a string.
std::string stringField(const nlohmann::json& body, std::string_view key);
// The field as an integer; nullopt when absent or not an integer.
std::optional<int64_t> intField(const nlohmann::json& body, std::string_view key);
bool boolField(const nlohmann::json& body, std::string_view key);
// The bytes of a file sent as base64 text (line breaks allowed);
// kInvalidArgument "not base64" otherwise.
Result<std::string> decodeBase64(std::string_view text);

// 400 bad input, 404 not found, 409 exists or in the way, 503 the store;
// the message is the status's own ("'x' is not an IP address"), prefixed
// with `what` for failures that are not the person's input.
ApiResponse statusResponse(const Status& status, std::string_view what);

}  // namespace esafety::console
