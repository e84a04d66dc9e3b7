// Two-step sign-in secrets at rest (issue 19): a member of staff's TOTP
// secret is kept sealed under the records key (records/sealer.h), bound to
// "totp <person id>", so a copy of esafety.db without the key file signs
// nobody in, and a sealed secret copied onto another person's row does not
// open there.
//
//   auto sealed = sealTotpSecret(sealer, person.id, secret);   // to store
//   auto secret = openTotpSecret(sealer, person);               // to check a code
//   auto count = sealPlainTotpSecrets(store, school, sealer);   // serve's start-up
//
// Thread safety: pure functions apart from the store they are given.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "identity/model.h"
#include "policy/model.h"
#include "records/sealer.h"
#include "store/store.h"

namespace esafety::control {

// Seals a base32 secret (identity/totp.h) for `person`; kInvalidArgument for
// a secret that is not one.
Result<std::string> sealTotpSecret(const records::Sealer& sealer, int64_t person,
                                   std::string_view secret);

// The person's secret in base32: the sealed one opened, else a plain one
// from before secrets were sealed, else "" (not set up). kDataLoss when the
// sealed secret does not open (changed, or another installation's key).
Result<std::string> openTotpSecret(const records::Sealer& sealer, const identity::Person& person);

// Seals every plain secret of the school's staff, each with its own audit
// row by "esafety"; returns how many. Run at `esafety serve`'s start-up.
Result<int> sealPlainTotpSecrets(store::Store& store, policy::SchoolId school,
                                 const records::Sealer& sealer);

}  // namespace esafety::control
