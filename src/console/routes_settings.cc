// Settings: who signs in at the network's sign-in page and for how long. The
// same keys and checks as `esafety sign-in set` (control/settings_admin.h),
// each stored with an audit row naming the member of staff who changed it;
// the running server applies a change within about two seconds. This file
// turns the page's fields into the stored settings and the checks' refusals
// into sentences naming the field.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>
#include <utility>
#include <vector>

#include "console/json_body.h"
#include "console/routes.h"
#include "control/settings_admin.h"
#include "core/text.h"
#include "identity/session_policy.h"

namespace esafety::console {
namespace {

using nlohmann::json;

enum class Kind : uint8_t { kNetworks, kUnknownDevices, kYesNo, kGroup, kMinutes };

struct Field {
  std::string_view json;   // the API's field
  std::string_view key;    // the stored setting
  Kind kind;
  std::string_view label;  // for messages: "<label> must ..."
};

constexpr Field kFields[] = {
    {"sign_in_networks", "portal.sign_in_networks", Kind::kNetworks, "Sign-in networks"},
    {"unknown_devices", "portal.unknown_devices", Kind::kUnknownDevices, "Unknown devices"},
    {"pupils_on_unknown_devices", "portal.pupils_on_unknown_devices", Kind::kYesNo,
     "Pupils on unknown devices"},
    {"staff_group", "portal.staff_group", Kind::kGroup, "The staff group"},
    {"visitor_group", "policy.visitor_group", Kind::kGroup, "The visitor group"},
    {"proxy_auth_networks", "proxy_auth.networks", Kind::kNetworks, "Proxy sign-in networks"},
    {"year_group_minutes", "identity.year_group_session_minutes", Kind::kMinutes,
     "A year-group sign-in"},
    {"staff_minutes", "identity.staff_session_minutes", Kind::kMinutes, "A staff sign-in"},
    {"visitor_minutes", "identity.visitor_session_minutes", Kind::kMinutes, "A visitor sign-in"},
};

ApiResponse fieldError(const Field& f, std::string message) {
  return jsonResponse(400, {{"error", std::move(message)}, {"field", f.json}});
}

// Every sign-in setting as it is in force (stored, or the default), and the
// groups a staff or visitor group may be.
ApiResponse signInSettings(ApiContext& ctx) {
  std::vector<std::string> warnings;
  auto s = control::SettingsAdmin(ctx.store, ctx.school).signInSettings(warnings);
  if (!s) return statusResponse(s.status(), "The settings cannot be read");
  auto groups = ctx.store.groups(ctx.school);
  if (!groups) return statusResponse(groups.status(), "The groups cannot be read");
  json names = json::array();
  for (const auto& g : *groups) names.push_back(g.name);
  return jsonResponse(
      200, {{"sign_in_networks", s->sign_in_networks},
            {"unknown_devices",
             s->unknown_devices == identity::UnknownDevices::kPortal ? "portal" : "group"},
            {"pupils_on_unknown_devices", s->pupils_on_unknown_devices},
            {"staff_group", s->staff_group},
            {"visitor_group", s->visitor_group},
            {"proxy_auth_networks", s->proxy_auth_networks},
            {"year_group_minutes", s->limits.year_group_minutes},
            {"staff_minutes", s->limits.staff_minutes},
            {"visitor_minutes", s->limits.visitor_minutes},
            {"groups", names},
            {"warnings", warnings}});
}

// The stored text for a field's JSON value, or what the value should be.
Result<std::string> storedValue(const Field& f, const json& v) {
  switch (f.kind) {
    case Kind::kNetworks: {
      if (v.is_string()) return v.get<std::string>();
      if (!v.is_array()) return invalidArgument("a list of networks such as 10.20.8.0/24");
      std::vector<std::string> parts;
      for (const auto& n : v) {
        if (!n.is_string()) return invalidArgument("a list of networks such as 10.20.8.0/24");
        parts.push_back(n.get<std::string>());
      }
      return fmt::format("{}", fmt::join(parts, ", "));
    }
    case Kind::kUnknownDevices:
      if (v.is_string()) return v.get<std::string>();
      return invalidArgument("\"portal\" or \"group\"");
    case Kind::kYesNo:
      if (v.is_boolean()) return std::string(v.get<bool>() ? "yes" : "no");
      return invalidArgument("true or false");
    case Kind::kGroup:
      if (v.is_string()) return std::string(trim(v.get<std::string>()));
      return invalidArgument("one of the school's groups");
    case Kind::kMinutes:
      if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
      return invalidArgument("a whole number of minutes");
  }
  return invalidArgument("not a setting");
}

// What the person reads when SettingsAdmin refuses a field's value.
std::string refusal(const Field& f, const Status& refused) {
  switch (f.kind) {
    case Kind::kMinutes:
      return fmt::format("{} must last from 5 to 1440 minutes (24 hours).", f.label);
    case Kind::kGroup:
      return fmt::format("{} must be one of the school's groups; {}.", f.label, refused.message());
    default:
      return fmt::format("{}: {}", f.label, refused.message());
  }
}

// Any of the fields; every one given is checked before any is saved
// (control::SettingsAdmin, shared with `esafety sign-in set`).
ApiResponse saveSignInSettings(ApiContext& ctx, const ApiRequest& req, const ConsoleSession& s) {
  auto body = jsonBody(req);
  if (!body) return errorResponse(400, "Send the settings to change as a JSON object.");
  control::SettingsAdmin admin(ctx.store, ctx.school);
  std::vector<control::SettingChange> changes;
  for (const auto& f : kFields) {
    if (!body->contains(f.json)) continue;
    auto value = storedValue(f, (*body)[std::string(f.json)]);
    if (!value) return fieldError(f, fmt::format("{} must be {}.", f.label, value.status().message()));
    Status valid = admin.checkSignInSetting(f.key, *value);
    if (valid.code() == StatusCode::kInvalidArgument) return fieldError(f, refusal(f, valid));
    if (!valid.isOk()) return statusResponse(valid, "The settings cannot be checked");
    changes.push_back({std::string(f.key), std::move(*value)});
  }
  if (Status saved = admin.changeSignInSettings(changes, s.email); !saved.isOk()) {
    return statusResponse(saved, "The setting cannot be saved");
  }
  return signInSettings(ctx);
}

}  // namespace

void addSettingsRoutes(ApiRouter& router, ApiContext& ctx) {
  using identity::Permission;
  router.add("GET", "/api/v1/settings/sign-in", Permission::kManageSettings,
             [&ctx](const ApiRequest&, const ConsoleSession*) { return signInSettings(ctx); });
  router.add("PUT", "/api/v1/settings/sign-in", Permission::kManageSettings,
             [&ctx](const ApiRequest& req, const ConsoleSession* s) {
               return saveSignInSettings(ctx, req, *s);
             });
}

}  // namespace esafety::console
