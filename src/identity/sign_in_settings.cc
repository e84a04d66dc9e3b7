#include "identity/sign_in_settings.h"

#include <fmt/format.h>

#include "core/text.h"

namespace esafety::identity {
namespace {

Result<std::vector<std::string>> parseNetworks(std::string_view key, std::string_view value,
                                               net::NetworkAcl& acl) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = value.find(',', start);
    std::string_view part = trim(value.substr(start, comma == std::string_view::npos
                                                         ? std::string_view::npos
                                                         : comma - start));
    if (!part.empty()) out.emplace_back(part);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  auto parsed = net::NetworkAcl::parse(out);
  if (!parsed) return invalidArgument(fmt::format("{}: {}", key, parsed.status().message()));
  acl = std::move(*parsed);
  return out;
}

Result<bool> parseYesNo(std::string_view key, std::string_view value) {
  std::string v = asciiLower(trim(value));
  if (v == "yes" || v == "true" || v == "on") return true;
  if (v == "no" || v == "false" || v == "off") return false;
  return invalidArgument(fmt::format("{} must be yes or no, not '{}'", key, value));
}

}  // namespace

Status applySignInSetting(SignInSettings& s, std::string_view key, std::string_view value) {
  if (key == "portal.sign_in_networks" || key == "proxy_auth.networks") {
    const bool portal = key == "portal.sign_in_networks";
    net::NetworkAcl acl;
    auto networks = parseNetworks(key, value, acl);
    if (!networks) return networks.status();
    (portal ? s.sign_in_networks : s.proxy_auth_networks) = std::move(*networks);
    (portal ? s.sign_in : s.proxy_auth) = std::move(acl);
    return Status::ok();
  }
  if (key == "portal.unknown_devices") {
    std::string v = asciiLower(trim(value));
    if (v == "portal") {
      s.unknown_devices = UnknownDevices::kPortal;
    } else if (v == "group") {
      s.unknown_devices = UnknownDevices::kGroup;
    } else {
      return invalidArgument(fmt::format("{} must be portal or group, not '{}'", key, value));
    }
    return Status::ok();
  }
  if (key == "portal.pupils_on_unknown_devices") {
    auto yes = parseYesNo(key, value);
    if (!yes) return yes.status();
    s.pupils_on_unknown_devices = *yes;
    return Status::ok();
  }
  if (key == "portal.staff_group" || key == "policy.visitor_group") {
    std::string name(trim(value));
    if (name.empty()) return invalidArgument(fmt::format("{} must name a group", key));
    (key == "portal.staff_group" ? s.staff_group : s.visitor_group) = std::move(name);
    return Status::ok();
  }
  if (key.starts_with("identity.")) return applySessionSetting(s.limits, key, value);
  return invalidArgument(fmt::format("'{}' is not a sign-in setting", key));
}

Result<SignInSettings> loadSignInSettings(policy::PolicyStore& store, policy::SchoolId school,
                                          std::vector<std::string>& warnings) {
  SignInSettings settings;
  for (std::string_view key : kSignInSettingKeys) {
    auto value = store.setting(school, key);
    if (!value) return value.status();
    if (!*value) continue;
    Status applied = applySignInSetting(settings, key, **value);
    if (!applied.isOk()) {
      warnings.push_back(fmt::format("setting {} ignored: {}", key, applied.message()));
    }
  }
  return settings;
}

}  // namespace esafety::identity
