// PeopleAdmin: what the office, the IT technician and the DSL do to people,
// one function per change, shared by `esafety people` (app/cmd_people.cc)
// and the console (console/routes_people.cc, routes_sanctions.cc,
// routes_session.cc): the pupil import from the MIS (preview, then commit),
// staff logins and passwords, the visitor and year-group logins, two-step
// sign-in, parents and carers, and sanctions. Devices are device_admin.h's.
//
// Each change checks its input (messages name the field where there is one:
// "reason: ...", "who: ..."), needs a reason where the console asks for one
// (sanctions, reason.h), and is one store write that keeps the change and its
// one audit row in one transaction (the pupil import too: all or nothing),
// which is also what makes `esafety serve` reload and apply it on the next
// request. Neither door holds any logic of its own.
//
//   PeopleAdmin admin(store, policy::kDefaultSchool, clock);
//   auto preview = admin.previewImport(csv_text);     // changes nothing
//   if (preview && preview->errors() == 0) admin.commitImport(csv_text, "office");
//   auto added = admin.addStaff({.name = "Sam Lee", .email = "s.lee@school.example",
//                                .role = identity::Role::kDsl}, "", "head");
//   std::string once = added->generated_password;     // show once, never stored
//
// Thread safety: as the Store it borrows (which serialises calls); make one
// per request or command.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "identity/model.h"
#include "identity/pupil_import.h"
#include "records/sealer.h"
#include "store/store.h"

namespace esafety::control {

struct NewStaff {
  std::string name;
  std::string email;  // also the login
  identity::Role role = identity::Role::kTeacher;
  std::string class_name = {};  // a teacher's class ("Year 5"): the room whose devices they may pause
};

struct AddedLogin {
  int64_t id = 0;
  std::string login;
  std::string generated_password;  // empty when the caller gave one
};

// A person with the sanctions on them now (the people list).
struct PersonRecord {
  identity::Person person;
  std::vector<identity::Sanction> sanctions;  // active at the time of the call
};

class PeopleAdmin {
 public:
  PeopleAdmin(store::Store& store, policy::SchoolId school, const Clock& clock)
      : store_(store), school_(school), clock_(clock) {}

  // --- Pupils from the MIS ---------------------------------------------------
  Result<identity::ImportPreview> previewImport(std::string_view csv);
  // Previews again and imports only when there is no error, all in one
  // transaction; kInvalidArgument "N errors; nothing was imported" otherwise.
  Result<size_t> commitImport(std::string_view csv, std::string_view actor);

  // --- Logins ----------------------------------------------------------------
  // `password` empty: one is generated and returned once.
  Result<AddedLogin> addStaff(const NewStaff& staff, std::string_view password,
                              std::string_view actor);
  Result<AddedLogin> setPassword(std::string_view login, std::string_view password,
                                 std::string_view actor);
  // Creates the visitor login the first time; a new random password each time.
  Result<AddedLogin> rotateVisitorPassword(std::string_view actor);
  // Creates the missing year-group logins (reception, year1..year6), each with
  // a generated password; returns the ones created.
  Result<std::vector<AddedLogin>> ensureYearGroupLogins(std::string_view actor);
  // Gives a member of staff another role; staff_hierarchy.h's rule applies
  // (`actor`, when it is a login, is who is acting). Their console sessions
  // end (the console re-checks each session's role).
  Status setRole(std::string_view login, identity::Role role, std::string_view actor);
  // Checks a login's password. kPermissionDenied "wrong login or password"
  // for an unknown login or a wrong password alike; kPermissionDenied naming
  // the reason for a deactivated account. The console adds LoginThrottle.
  Result<identity::Person> authenticate(std::string_view login, std::string_view password);

  // --- Two-step sign-in (totp.h) ----------------------------------------------
  // Whether the DSL and the head must give a code at console sign-in: yes
  // unless the setting "console.totp" is "off" (the demo school has it off).
  Result<bool> totpEnforced();
  // Keeps a member of staff's new TOTP secret (base32), once they have shown
  // a code from it: sealed with `sealer` (totp_keys.h). Audited without it.
  Status setUpTotp(const records::Sealer& sealer, int64_t person, std::string_view secret,
                   std::string_view actor);
  // Forgets a login's TOTP secret, for someone who lost their phone: they
  // set it up again at their next sign-in. Audited.
  Status resetTotp(std::string_view login, std::string_view actor);

  // --- Parents and carers ----------------------------------------------------
  Result<int64_t> addContact(identity::Contact contact, const std::vector<std::string>& pupil_upns,
                             std::string_view actor);

  // --- Sanctions -------------------------------------------------------------
  // `who` is a UPN or a login. `until` 0: until lifted (identity::endOfDay
  // turns "2026-03-31" into the end of that day). Needs a reason. Staff
  // sanctions follow staff_hierarchy.h (`actor`, when it is a login, is
  // who is acting): kPermissionDenied naming why otherwise.
  Result<int64_t> sanction(std::string_view who, identity::SanctionKind kind, int64_t until,
                           std::string_view reason, std::string_view actor);
  // Needs a reason; kNotFound for a sanction not in force.
  Status liftSanction(int64_t id, std::string_view reason, std::string_view actor);

  // Everyone (by kind, name), each with their active sanctions.
  Result<std::vector<PersonRecord>> roster();
  // Active sanctions with the person each is on, by id.
  Result<std::vector<std::pair<identity::Sanction, identity::Person>>> activeSanctions();

  // A person by UPN or login; kNotFound naming it.
  Result<identity::Person> findPerson(std::string_view who);

  // A console session's account as it is now: kNotFound when it is gone,
  // kPermissionDenied naming the reason when it is deactivated.
  Result<identity::Person> activeAccount(int64_t person);

 private:
  store::Store& store_;
  policy::SchoolId school_;
  const Clock& clock_;
};

}  // namespace esafety::control
