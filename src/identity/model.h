// The people and device-loan model: plain data, stored by the Store
// (store/store.h) and compiled into the policy Snapshot for identification.
// Header-only, like policy/model.h, so the store needs no identity library.
//
// Who is a Person:
//   - a pupil, imported from the MIS (name, UPN, date of birth, year, class);
//     pupils sign in to browse with their year group's shared login;
//   - a member of staff, with their own login and role;
//   - a year-group login ("year3"): shared credentials for one year group,
//     mapped to the KS1 or KS2 group (year_group.h);
//   - the visitor login, whose password the office rotates.
// Parents and carers are Contacts linked to pupils, not people who sign in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/role.h"

namespace esafety::identity {

enum class PersonKind : uint8_t { kPupil, kStaff, kYearGroup, kVisitor };

inline std::string_view personKindName(PersonKind kind) {
  switch (kind) {
    case PersonKind::kPupil:
      return "pupil";
    case PersonKind::kStaff:
      return "staff";
    case PersonKind::kYearGroup:
      return "year-group";
    case PersonKind::kVisitor:
      return "visitor";
  }
  return "?";
}

inline std::optional<PersonKind> parsePersonKind(std::string_view text) {
  if (text == "pupil") return PersonKind::kPupil;
  if (text == "staff") return PersonKind::kStaff;
  if (text == "year-group") return PersonKind::kYearGroup;
  if (text == "visitor") return PersonKind::kVisitor;
  return std::nullopt;
}

inline constexpr int kNoYear = -1;
inline constexpr int kReception = 0;  // years are 0 (Reception) .. 6 (Year 6)

struct Person {
  int64_t id = 0;
  PersonKind kind = PersonKind::kPupil;
  std::string name;  // "Amira Khan", "Year 3 login", "Visitor"
  Role role = Role::kPupil;
  std::string login;  // staff: e-mail; "year3"; "visitor"; empty for pupils
  std::string email;
  std::string upn;            // pupils: 13-character Unique Pupil Number (upn.h)
  std::string date_of_birth;  // pupils: "YYYY-MM-DD"
  int year = kNoYear;         // pupils and year-group logins
  std::string class_name;     // pupils: registration class ("Oak")
  std::string password_hash;  // argon2id (password.h); empty: cannot sign in
  // Two-step sign-in (totp.h): the secret sealed under the records key
  // (control/totp_keys.h opens it); both empty: not set up. totp_secret is
  // the plain base32 of a secret set up before secrets were sealed, kept
  // only until `esafety serve` seals it at start-up.
  std::string totp_sealed;
  std::string totp_secret;
  int64_t created_at = 0;
};

// A parent or carer, for AUP countersigning later.
struct Contact {
  int64_t id = 0;
  std::string name;
  std::string relationship;  // "mother", "carer", ...
  std::string email;
  std::string phone;
  std::vector<int64_t> pupils;  // Person ids
};

enum class SanctionKind : uint8_t {
  kDeactivate,  // no access at all
  kRestrict,    // the school's allow-list categories and allowed sites only
};
inline std::string_view sanctionKindName(SanctionKind kind) {
  return kind == SanctionKind::kDeactivate ? "deactivate" : "restrict";
}

struct Sanction {
  int64_t id = 0;
  int64_t person = 0;
  SanctionKind kind = SanctionKind::kRestrict;
  int64_t until = 0;   // Unix seconds; 0: until lifted
  std::string reason;  // required
  std::string by;      // who applied it
  int64_t at = 0;      // set from the Clock when 0
  int64_t lifted_at = 0;
  std::string lifted_by;

  bool activeAt(int64_t now) const {
    return lifted_at == 0 && at <= now && (until == 0 || now < until);
  }
};

// A device lent to a pupil for a lesson.
struct Checkout {
  int64_t id = 0;
  int64_t device = 0;
  int64_t person = 0;
  int64_t from = 0;           // set from the Clock when 0
  int64_t until = 0;          // required, after `from`
  int64_t checked_in_at = 0;  // 0 while out
  std::string by;

  bool activeAt(int64_t now) const { return checked_in_at == 0 && from <= now && now < until; }
};

// An address signed in to browse (the captive portal, identity/sign_in.h):
// requests from `client_ip` are this person's, under `group`, until
// `expires_at` (Unix seconds) or until they sign out.
struct ClientBinding {
  std::string client_ip;  // canonical text: "10.20.4.117", "fd00::5"
  int64_t person = 0;
  std::string person_name;  // filled by the store from the person
  PersonKind kind = PersonKind::kVisitor;
  std::string login;
  std::string group;  // the filter group that applies ("KS2", "Visitor")
  int64_t bound_at = 0;
  int64_t expires_at = 0;
};

}  // namespace esafety::identity
