// How the SQLite schema spells policy::Action: "allow" and "block", matching
// the CHECK constraints in 0001_init.sql. Local to the store on purpose: it
// must not depend on esafety_policy (policy/model.cc), and the stored spelling
// must not change if the policy library's display names ever do.
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string_view>

#include "policy/model.h"

namespace esafety::store {

std::string_view actionText(policy::Action action);
std::optional<policy::Action> actionFromText(std::string_view text);

}  // namespace esafety::store
