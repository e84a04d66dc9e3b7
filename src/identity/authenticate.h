// Checking a login's password: the one place that does it, for the console's
// sign-in, the captive portal and proxy authentication alike.
//
//   auto person = authenticate(people, school, "s.lee@school.example", typed, clock.nowUnix());
//   if (!person) show(person.status().message());   // "wrong login or password"
//
// An unknown login and a wrong password are the same kPermissionDenied
// "wrong login or password", and take the same time (an argon2id check runs
// either way), so neither the words nor the timing tell which logins exist.
// A deactivated account is kPermissionDenied naming the sanction's reason.
// Throttling is the caller's (LoginThrottle).
//
// Thread safety: as the PeopleStore; runs argon2id (~0.1 s, 64 MiB), so call
// it off the data plane's threads.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "identity/model.h"
#include "identity/people_store.h"

namespace esafety::identity {

Result<Person> authenticate(PeopleStore& people, SchoolId school, std::string_view login,
                            std::string_view password, int64_t now_unix);

}  // namespace esafety::identity
