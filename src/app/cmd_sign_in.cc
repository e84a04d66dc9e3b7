// esafety sign-in set|show|who
//
// The school's choices about signing in to browse (identity/sign_in_settings.h):
// the captive portal and proxy authentication. Setting one is
// control::SettingsAdmin's, as on the console's Settings page. A running `esafety serve`
// applies a change within about two seconds (the store's audit row makes it
// reload).
//   esafety sign-in set portal.sign_in_networks "10.20.8.0/24" --by it.technician
//   esafety sign-in set proxy_auth.networks "10.20.9.0/24"
//   esafety sign-in show
//   esafety sign-in who          addresses signed in at the portal now
#include <fmt/format.h>

#include <cstdio>
#include <ctime>

#include "app/cli_common.h"
#include "app/with_people_admin.h"
#include "control/settings_admin.h"
#include "identity/sign_in_settings.h"

namespace esafety::app {
namespace {

struct SignInOptions {
  std::string key, value, by;
};

int set(const GlobalOptions& global, const SignInOptions& o) {
  return withStore(global, [&](store::Store& store, const control::DataDir&, Clock&) {
    control::SettingsAdmin settings(store, policy::kDefaultSchool);
    Status saved = settings.changeSignInSettings({{o.key, o.value}},
                                                 o.by.empty() ? defaultActor() : o.by);
    if (saved.code() == StatusCode::kInvalidArgument) {
      std::string keys;
      for (auto k : identity::kSignInSettingKeys) keys += fmt::format("\n  {}", k);
      return fail(invalidArgument(
          fmt::format("{}; the sign-in settings are:{}", saved.message(), keys)));
    }
    if (!saved.isOk()) return fail(saved);
    std::printf("%s = %s\n", o.key.c_str(), o.value.c_str());
    return kExitOk;
  });
}

int show(const GlobalOptions& global) {
  return withPeopleAdmin(global, [&](control::PeopleAdmin&, store::Store& store, const Clock&) {
    for (auto key : identity::kSignInSettingKeys) {
      auto value = store.setting(policy::kDefaultSchool, key);
      if (!value) return fail(value.status());
      std::printf("%-38s %s\n", std::string(key).c_str(), *value ? (*value)->c_str() : "(default)");
    }
    return kExitOk;
  });
}

int who(const GlobalOptions& global) {
  return withPeopleAdmin(global, [&](control::PeopleAdmin&, store::Store& store, const Clock& clock) {
    auto bindings = store.clientBindings(policy::kDefaultSchool, clock.nowUnix());
    if (!bindings) return fail(bindings.status());
    if (bindings->empty()) std::printf("Nobody is signed in at the portal.\n");
    for (const auto& b : *bindings) {
      std::time_t until = static_cast<std::time_t>(b.expires_at);
      std::tm local{};
      localtime_r(&until, &local);
      std::printf("%-16s %s (%s) under %s until %02d:%02d\n", b.client_ip.c_str(), b.person_name.c_str(),
                  b.login.c_str(), b.group.c_str(), local.tm_hour, local.tm_min);
    }
    return kExitOk;
  });
}

}  // namespace

void addSignInCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto* cmd = app.add_subcommand("sign-in", "Signing in to browse: the captive portal and proxy authentication");
  cmd->require_subcommand(1);
  auto o = std::make_shared<SignInOptions>();
  auto* set_cmd = cmd->add_subcommand("set", "Change a sign-in setting");
  set_cmd->add_option("key", o->key, "e.g. portal.sign_in_networks, proxy_auth.networks")->required();
  set_cmd->add_option("value", o->value)->required();
  set_cmd->add_option("--by", o->by, "Who is making the change (default: your login name)");
  set_cmd->callback([&global, o, &run] { run = [&global, o] { return set(global, *o); }; });
  cmd->add_subcommand("show", "The sign-in settings")->callback([&global, &run] {
    run = [&global] { return show(global); };
  });
  cmd->add_subcommand("who", "Addresses signed in at the portal now")->callback([&global, &run] {
    run = [&global] { return who(global); };
  });
}

}  // namespace esafety::app
