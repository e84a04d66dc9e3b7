// Builds a school's policy Snapshot from the store and the compiled index.
// The control plane calls it at start-up and after every change; the CLI
// calls it for `esafety check`.
//
//   auto snap = loadSnapshot(*store, kDefaultSchool, dir.indexPath(), counters);
#pragma once

#include <memory>
#include <string>

#include "policy/snapshot.h"
#include "store/store.h"

namespace esafety::control {

// A missing index file means nothing has been compiled yet: the snapshot then
// uses an empty index. A corrupt one is an error (kDataLoss) that names the
// file and the command that rebuilds it.
//
// The snapshot also holds the device check-outs and sanctions in force now
// or later (identity/policy_feed.h); `clock` (null: the system clock; must
// outlive the snapshot) says what "now" is, for loading and for identify().
Result<std::shared_ptr<const policy::Snapshot>> loadSnapshot(
    store::Store& store, policy::SchoolId school, const std::string& index_path,
    std::shared_ptr<policy::StepCounters> counters = nullptr, const Clock* clock = nullptr);

}  // namespace esafety::control
