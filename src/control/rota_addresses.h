// RotaAddresses: who a rung of the rota is, as mail addresses (issue 14).
// A role rung is every member of staff with that role and an email address
// who is not deactivated (identity/model.h Sanction); a person rung is the
// person with that login, if active, by their email (or their login when
// that is an address). Addresses that are not addresses are skipped.
//
// Built once per pass of the notifier from the people and the sanctions in
// force, so a pass reads the people once however many alerts it mails.
//
//   auto book = RotaAddresses::load(store, school, clock.nowUnix());
//   std::vector<std::string> to = book->addresses({RotaEntry::Kind::kRole, "dsl"});
//
// Thread safety: a plain value once loaded.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "control/rota.h"
#include "identity/people_store.h"

namespace esafety::control {

class RotaAddresses {
 public:
  static Result<RotaAddresses> load(identity::PeopleStore& people, policy::SchoolId school,
                                    int64_t now);
  // Sorted, without repeats; empty when nobody at the rung has an address.
  std::vector<std::string> addresses(const RotaEntry& entry) const;

 private:
  struct Staff {
    std::string role;
    std::string login;  // lower case
    std::string address;
  };
  std::vector<Staff> staff_;
};

}  // namespace esafety::control
