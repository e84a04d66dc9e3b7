// SignInSettings: the school's choices about signing in to browse, kept as
// store settings (Store::setSetting) and read again on every policy reload.
//
//   key                                  value                         default
//   portal.sign_in_networks              CIDRs, comma-separated        "" (none)
//       clients there must sign in at the portal (shared iPads with a
//       year-group login), even when the device is registered
//   portal.unknown_devices               "portal" or "group"           portal
//       portal: an address no device has must sign in; until then it is
//       denied with a page pointing to the portal. group: the old
//       behaviour, the "Unknown device" group's rules without signing in
//   portal.pupils_on_unknown_devices     "yes" or "no"                 no
//       no: year-group logins sign in only from registered devices, so a
//       pupil's own phone cannot join with the class login
//   portal.staff_group                   a group name                  Staff
//   policy.visitor_group                 a group name                  Visitor
//   proxy_auth.networks                  CIDRs, comma-separated        "" (none)
//       clients there must send proxy Basic credentials (407 otherwise)
//   identity.*_session_minutes, identity.visitor_session_seconds  (session_policy.h)
//
//   auto settings = loadSignInSettings(store, school, warnings);   // never fails on bad values
//   if (settings.sign_in.allows(peer_bytes)) ...
//
// Thread safety: plain data once loaded; share it as shared_ptr<const ...>.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "identity/session_policy.h"
#include "net/ip_network.h"
#include "policy/model.h"
#include "policy/policy_store.h"

namespace esafety::identity {

enum class UnknownDevices : uint8_t { kPortal, kGroup };

struct SignInSettings {
  std::vector<std::string> sign_in_networks;
  std::vector<std::string> proxy_auth_networks;
  UnknownDevices unknown_devices = UnknownDevices::kPortal;
  bool pupils_on_unknown_devices = false;
  std::string staff_group = "Staff";
  std::string visitor_group = "Visitor";
  SessionLimits limits;
  net::NetworkAcl sign_in;     // parsed sign_in_networks
  net::NetworkAcl proxy_auth;  // parsed proxy_auth_networks
};

// Every key applySignInSetting understands, for the CLI's help and checks.
inline constexpr std::string_view kSignInSettingKeys[] = {
    "portal.sign_in_networks",        "portal.unknown_devices",
    "portal.pupils_on_unknown_devices", "portal.staff_group",
    "policy.visitor_group",           "proxy_auth.networks",
    "identity.visitor_session_minutes", "identity.year_group_session_minutes",
    "identity.staff_session_minutes", "identity.visitor_session_seconds"};

// Applies one setting. kInvalidArgument naming the key and the bad part
// ("portal.sign_in_networks: '10.0.0.0/33' ...") and leaves `settings` as it was.
Status applySignInSetting(SignInSettings& settings, std::string_view key, std::string_view value);

// Reads every key from the store. A stored value that is wrong keeps the
// default and adds a line to `warnings`; a store error is returned.
Result<SignInSettings> loadSignInSettings(policy::PolicyStore& store, policy::SchoolId school,
                                          std::vector<std::string>& warnings);

}  // namespace esafety::identity
