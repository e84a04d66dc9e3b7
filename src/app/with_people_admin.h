// For the people and devices commands: opens the school's store and runs
// `fn(admin, store, clock)` with a PeopleAdmin over it; a store that cannot
// be opened is reported and exits 1.
#pragma once

#include "app/cli_common.h"
#include "core/clock.h"
#include "control/people_admin.h"

namespace esafety::app {

template <typename Fn>
int withPeopleAdmin(const GlobalOptions& global, Fn&& fn) {
  return withStore(global, [&](store::Store& store, const control::DataDir&, Clock& clock) {
    control::PeopleAdmin admin(store, policy::kDefaultSchool, clock);
    return fn(admin, store, clock);
  });
}

}  // namespace esafety::app
