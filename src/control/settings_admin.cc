#include "control/settings_admin.h"

#include <fmt/format.h>

#include "core/text.h"

namespace esafety::control {
namespace {

// The settings whose value is one of the school's groups.
bool namesAGroup(std::string_view key) {
  return key == "portal.staff_group" || key == "policy.visitor_group";
}

}  // namespace

Result<identity::SignInSettings> SettingsAdmin::signInSettings(
    std::vector<std::string>& warnings) {
  return identity::loadSignInSettings(store_, school_, warnings);
}

Status SettingsAdmin::checkSignInSetting(std::string_view key, std::string_view value) {
  identity::SignInSettings scratch;
  ESAFETY_RETURN_IF_ERROR(identity::applySignInSetting(scratch, key, value));
  if (!namesAGroup(key)) return Status::ok();
  if (trim(value).empty()) return invalidArgument("give one of the school's groups");
  auto group = store_.group(school_, trim(value));
  if (!group) return group.status();
  if (!*group) return invalidArgument(fmt::format("there is no group '{}'", trim(value)));
  return Status::ok();
}

Status SettingsAdmin::changeSignInSettings(const std::vector<SettingChange>& changes,
                                           std::string_view actor) {
  if (changes.empty()) return invalidArgument("Nothing to change: no setting was given.");
  for (const SettingChange& c : changes) {
    ESAFETY_RETURN_IF_ERROR(checkSignInSetting(c.key, c.value));
  }
  for (const SettingChange& c : changes) {
    ESAFETY_RETURN_IF_ERROR(store_.setSetting(school_, c.key, c.value, actor));
  }
  return Status::ok();
}

}  // namespace esafety::control
