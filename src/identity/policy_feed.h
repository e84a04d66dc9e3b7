// The identity part of a policy snapshot: which devices are out to which
// pupils now, under which group, and whose accounts are sanctioned. The
// snapshot loader (control/snapshot_loader.cc) calls this after loading the
// policy, and Snapshot::identify uses it per request.
//
//   auto data = store.loadPolicy(school);
//   ESAFETY_RETURN_IF_ERROR(addIdentities(store, school, clock.nowUnix(), *data));
#pragma once

#include <cstdint>

#include "core/status.h"
#include "policy/model.h"
#include "identity/people_store.h"

namespace esafety::identity {

// Fills data.checkouts (each with the pupil's name and Key Stage group,
// when the school has that group) and data.sanctions, from what is in force
// at or after `now`.
Status addIdentities(PeopleStore& store, policy::SchoolId school, int64_t now,
                     policy::PolicyData& data);

}  // namespace esafety::identity
