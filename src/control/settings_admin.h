// SettingsAdmin: the school settings the console's Settings page and
// `esafety sign-in set` change, one function per change: today the sign-in
// settings (identity/sign_in_settings.h: who signs in at the network's
// sign-in page, proxy authentication, how long a sign-in lasts).
//
// A change checks every value first (the key is known, the value is one it
// takes, a group setting names a group the school has) and stores nothing if
// any is wrong; each setting is then one store write with its own audit row
// (who, which key, the new value) in the same transaction, which makes a
// running `esafety serve` apply it within ~2 s.
//
// Thread safety: as the Store it borrows; make one per request or command.
//
//   SettingsAdmin settings(store, kDefaultSchool);
//   Status s = settings.changeSignInSettings({{"portal.sign_in_networks", "10.20.8.0/24"}},
//                                            "it.technician");
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "identity/sign_in_settings.h"
#include "policy/model.h"
#include "store/store.h"

namespace esafety::control {

struct SettingChange {
  std::string key;    // "portal.sign_in_networks"
  std::string value;  // as stored: "10.20.8.0/24, 10.20.9.0/24"
};

class SettingsAdmin {
 public:
  SettingsAdmin(store::Store& store, policy::SchoolId school) : store_(store), school_(school) {}

  // The sign-in settings in force: each stored value, or its default. A
  // stored value that is wrong keeps the default and adds to `warnings`.
  Result<identity::SignInSettings> signInSettings(std::vector<std::string>& warnings);
  // Checks one sign-in setting without storing it. kInvalidArgument: an
  // unknown key, a value the key does not take (naming the bad part), or a
  // group the school does not have ("there is no group 'Guests'").
  Status checkSignInSetting(std::string_view key, std::string_view value);
  // Checks every change, then stores them; nothing is stored when one is
  // wrong, or when there is none.
  Status changeSignInSettings(const std::vector<SettingChange>& changes, std::string_view actor);

 private:
  store::Store& store_;
  policy::SchoolId school_;
};

}  // namespace esafety::control
