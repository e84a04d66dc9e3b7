// PeopleStore: where a school's people live: staff, pupils, year-group and
// visitor logins, parents and carers, sanctions, device check-outs and the
// captive portal's sign-in bindings. The identity area's own view of the
// store; the Store (store/store.h) implements it with the other areas'
// interfaces, so identity depends on this header and nothing above.
//
// The rules every backend keeps (store/store.h says them in full): errors
// are values (absent is not an error; busy is kUnavailable, corrupt kDataLoss,
// bad input kInvalidArgument naming the field); every change writes its own
// audit row in the same transaction, with a non-empty `actor`; changes to what
// is blocked or allowed need a `reason`.
// A password hash or a TOTP secret is never written to the audit.
//
// Thread safety: implementations are safe to call from any thread.
//
//   identity::PeopleStore& people = ...;
//   auto pupil = people.personByUpn(policy::kDefaultSchool, "A123456789012");
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "identity/model.h"
#include "policy/model.h"

namespace esafety::identity {

using policy::SchoolId;

class PeopleStore {
 public:
  virtual ~PeopleStore() = default;

  // --- People (identity/model.h) --------------------------------------------
  // Adds a member of staff, a year-group login or the visitor login (pupils
  // come in through importPupils). Logins are unique within a school, case
  // aside (kAlreadyExists). The password hash is never written to the audit.
  virtual Result<int64_t> addPerson(SchoolId school, const Person& person,
                                    std::string_view actor) = 0;
  // Imports pupils all-or-nothing in one transaction: any invalid pupil or
  // UPN already stored fails the whole import (naming the UPN) and stores
  // nothing. One audit row records the count. Returns how many were added.
  virtual Result<size_t> importPupils(SchoolId school, const std::vector<Person>& pupils,
                                      std::string_view actor) = 0;
  virtual Result<std::vector<Person>> people(SchoolId school) = 0;  // by kind, name
  virtual Result<std::optional<Person>> person(SchoolId school, int64_t id) = 0;
  virtual Result<std::optional<Person>> personByUpn(SchoolId school,
                                                              std::string_view upn) = 0;
  // Case-insensitive.
  virtual Result<std::optional<Person>> personByLogin(SchoolId school,
                                                                std::string_view login) = 0;
  // Replaces a login's password hash (argon2id, identity/password.h).
  virtual Status setPasswordHash(SchoolId school, int64_t person, std::string_view hash,
                                 std::string_view actor) = 0;

  // Gives a member of staff another role (audited: "person.role").
  virtual Status setStaffRole(SchoolId school, int64_t person, Role role,
                              std::string_view actor) = 0;

  // Sets a member of staff's TOTP secret, already sealed (control/totp_keys.h),
  // and forgets any plain one; or clears both (empty) so they set it up
  // again. Audited ("person.totp_setup" / "person.totp_reset") without it.
  virtual Status setSealedTotpSecret(SchoolId school, int64_t person, std::string_view sealed,
                                     std::string_view actor) = 0;
  // Replaces a plain TOTP secret (from before secrets were sealed) with its
  // sealed form: false when the person has no plain secret any more.
  // Audited as "person.totp_sealed" by `actor`.
  virtual Result<bool> sealPlainTotpSecret(SchoolId school, int64_t person, std::string_view sealed,
                                           std::string_view actor) = 0;
  // Records that a code of TOTP step `step` signed a person in: true when
  // `step` is later than the last one recorded (and now is the last), false
  // when it is not (a code used again). Durable; not audited.
  virtual Result<bool> claimTotpStep(SchoolId school, int64_t person, int64_t step) = 0;

  // --- Parents and carers ----------------------------------------------------
  // Every linked pupil must exist (kInvalidArgument naming the id).
  virtual Result<int64_t> addContact(SchoolId school, const Contact& contact,
                                     std::string_view actor) = 0;
  virtual Result<std::vector<Contact>> contacts(SchoolId school) = 0;  // by name

  // --- Sanctions -------------------------------------------------------------
  // `sanction.by` is the actor and `sanction.reason` is required; `at` is set
  // from the Clock when 0; `until`, when set, must be after `at`. Audited,
  // so the running filter reloads and applies it on the next request.
  virtual Result<int64_t> addSanction(SchoolId school, const Sanction& sanction) = 0;
  // Lifting keeps the row, with who lifted it. kNotFound if absent or lifted.
  virtual Status liftSanction(SchoolId school, int64_t id, std::string_view actor,
                              std::string_view reason) = 0;
  // Sanctions not lifted whose `until` is 0 or after `now`, by id.
  virtual Result<std::vector<Sanction>> activeSanctions(SchoolId school,
                                                                  int64_t now) = 0;

  // --- Device check-outs -------------------------------------------------------
  // Lends a device to a pupil until `checkout.until`. kFailedPrecondition
  // when the device is already out to someone (naming them) until later;
  // an expired check-out is closed first. `checkout.by` is the actor.
  virtual Result<int64_t> checkOutDevice(SchoolId school, const Checkout& checkout) = 0;
  // Ends the device's open check-out. kNotFound when it has none.
  virtual Status checkInDevice(SchoolId school, int64_t device, std::string_view actor) = 0;
  // Open check-outs that have not yet ended at `now`, by device.
  virtual Result<std::vector<Checkout>> activeCheckouts(SchoolId school,
                                                                  int64_t now) = 0;

  // --- Sign-in bindings (the captive portal) ------------------------------------
  // Binds `binding.client_ip` to a person (replacing any binding the address
  // had), audited "portal.sign_in" with `actor`. `expires_at` must be after
  // `bound_at`; the person must exist (kNotFound).
  virtual Status saveClientBinding(SchoolId school, const ClientBinding& binding,
                                   std::string_view actor) = 0;
  // Ends an address's binding, audited "portal.sign_out" with `why` ("signed
  // out", "expired"). kNotFound when the address has none.
  virtual Status removeClientBinding(SchoolId school, std::string_view client_ip,
                                     std::string_view actor, std::string_view why) = 0;
  // Bindings that have not expired at `now`, with the person's name, kind
  // and login, by address.
  virtual Result<std::vector<ClientBinding>> clientBindings(SchoolId school,
                                                                     int64_t now) = 0;
};

}  // namespace esafety::identity
