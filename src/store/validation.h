// Checks on what callers hand to a Store, shared by every backend so that
// SQLite and PostgreSQL refuse the same input with the same message.
//
// Each check returns OK or kInvalidArgument with a message that names the
// field and says what is wrong, for the console to show as is:
//
//   ESAFETY_RETURN_IF_ERROR(validateActor(actor));
//   ESAFETY_RETURN_IF_ERROR(validateGroup(group));
//
// They only look at the values; whether a named category or group exists is
// for the backend to check inside its transaction. Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "identity/model.h"
#include "policy/model.h"

namespace esafety::store {

inline constexpr size_t kMaxNameLength = 64;
inline constexpr size_t kMaxTextLength = 4096;

Status validateActor(std::string_view actor);
// "a reason is required" when empty.
Status validateReason(std::string_view reason);
Status validateSchoolName(std::string_view name);
Status validateUrn(std::string_view urn);  // digits, or empty
// Lower-case [a-z0-9-], 1..64 bytes, starting with a letter or digit.
Status validateCategoryName(std::string_view name);
Status validateCategory(const policy::CategoryDef& category);
Status validateGroupName(std::string_view name);
Status validateTimeRule(const policy::TimeRule& rule);
Status validateGroup(const policy::Group& group);
Status validateLocalEntry(const policy::LocalEntry& entry);
Status validateDevice(const policy::Device& device);
Status validateListSource(const policy::ListSource& source);
Status validateSettingKey(std::string_view key);
// True for settings whose value is a secret (a key ending ".password"): the
// audit row says it changed, never what to.
bool isSecretSettingKey(std::string_view key);
// One plain mail address, "local@domain.example": 3..254 bytes, one '@', a
// dotted domain, no spaces, control bytes, commas, angle brackets or quotes
// (which would let a value add a recipient or a mail header).
Status validateMailAddress(std::string_view address);
// A person's fields fit their kind: pupils have a 13-character UPN, a year
// and the pupil role; other kinds a login; staff a staff role; a password
// hash, when set, is argon2id. (The UPN check letter is identity/upn.h's.)
Status validatePerson(const identity::Person& person);
Status validateContact(const identity::Contact& contact);
Status validateSanction(const identity::Sanction& sanction);
Status validateCheckout(const identity::Checkout& checkout);

// The one spelling of an IPv4 or IPv6 address ("::1" for "0:0::1"), so a
// device stored one way is found when looked up another; "" if not an address.
std::string canonicalIpAddress(std::string_view ip);
// Lower-cases a MAC address ("AA:BB:..." -> "aa:bb:...").
std::string canonicalMacAddress(std::string_view mac);

}  // namespace esafety::store
