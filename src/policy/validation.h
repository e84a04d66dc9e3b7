// Validation of policy changes before they are stored, wherever they come
// from (CLI, console API, config file). The rule that matters most: an
// unoverridable category (illegal content) can never be allowed, by a group,
// a time rule, a local allow entry, or by clearing its flag. Each refusal is
// kPermissionDenied with a sentence a person can act on.
//
//   Status s = validateLocalEntry(entry, *snapshot);
//   if (!s.isOk()) { print(s.message()); return 2; }
#pragma once

#include <vector>

#include "core/status.h"
#include "policy/model.h"
#include "policy/snapshot.h"

namespace esafety::policy {

// Category names exist, an unoverridable one is never allowed (directly or by
// a time rule), and times are real times of day.
Status validateGroup(const Group& group, const std::vector<CategoryDef>& categories);

// The pattern is a site the filter can match, a reason and an author are
// given, the group exists, and an allow entry does not name a site that is in
// an unoverridable category. Normalises entry.pattern in place.
Status validateLocalEntry(LocalEntry& entry, const Snapshot& current);

// Refuses to clear `unoverridable` on a category that has it.
Status validateCategoryChange(const CategoryDef* existing, const CategoryDef& updated);

}  // namespace esafety::policy
