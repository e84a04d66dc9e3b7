#include "control/totp_keys.h"

#include <fmt/format.h>

#include "identity/totp.h"

namespace esafety::control {
namespace {

std::string recordId(int64_t person) { return fmt::format("totp {}", person); }

}  // namespace

Result<std::string> sealTotpSecret(const records::Sealer& sealer, int64_t person,
                                   std::string_view secret) {
  if (secret.size() < 16 || !identity::base32Decode(secret)) {
    return invalidArgument("a TOTP secret must be base32, at least 16 characters");
  }
  return sealer.seal(secret, recordId(person));
}

Result<std::string> openTotpSecret(const records::Sealer& sealer, const identity::Person& person) {
  if (person.totp_sealed.empty()) return person.totp_secret;
  auto opened = sealer.open(person.totp_sealed, recordId(person.id));
  if (!opened) {
    return Status(opened.status().code(),
                  fmt::format("the two-step sign-in key of '{}' does not open: {}", person.login,
                              opened.status().message()));
  }
  return opened;
}

Result<int> sealPlainTotpSecrets(store::Store& store, policy::SchoolId school,
                                 const records::Sealer& sealer) {
  auto people = store.people(school);
  if (!people) return people.status();
  int count = 0;
  for (const identity::Person& person : *people) {
    if (person.totp_secret.empty()) continue;
    auto sealed = sealTotpSecret(sealer, person.id, person.totp_secret);
    if (!sealed) return sealed.status();
    auto done = store.sealPlainTotpSecret(school, person.id, *sealed, "esafety");
    if (!done) return done.status();
    count += *done ? 1 : 0;
  }
  return count;
}

}  // namespace esafety::control
