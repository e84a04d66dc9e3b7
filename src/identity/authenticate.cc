#include "identity/authenticate.h"

#include <fmt/format.h>

#include <string>

#include "identity/password.h"

namespace esafety::identity {

Result<Person> authenticate(PeopleStore& people, SchoolId school, std::string_view login,
                            std::string_view password, int64_t now_unix) {
  const Status wrong = permissionDenied("wrong login or password");
  auto person = people.personByLogin(school, login);
  if (!person) return person.status();
  if (!*person) {
    // Spend the same time as a real check, so timing does not tell which
    // logins exist.
    static const std::string kDummy = hashPassword("not-a-real-password").value();
    (void)verifyPassword(kDummy, password);
    return wrong;
  }
  if (!verifyPassword((*person)->password_hash, password)) return wrong;
  auto sanctions = people.activeSanctions(school, now_unix);
  if (!sanctions) return sanctions.status();
  for (const Sanction& s : *sanctions) {
    if (s.person == (*person)->id && s.kind == SanctionKind::kDeactivate && s.activeAt(now_unix)) {
      return permissionDenied(fmt::format("this account is deactivated: {}", s.reason));
    }
  }
  return std::move(**person);
}

}  // namespace esafety::identity
