// RestrictionStore: device restrictions, the live class view's pause and
// allow-list (issue 14, item 4; migration 0014; the rules themselves are
// policy/device_restriction.h, the service control/device_restrictions.h).
//
// addRestriction() ends the device's restriction in force (if any) and
// writes the new one, in one transaction with its audit row
// ("restriction.pause" or "restriction.allow_list", who and why); endRestriction()
// ends the one in force ("restriction.end"). Every change bumps the school's
// restriction generation, which `esafety serve` polls to pick up changes made
// by another process. Restriction changes do not count as policy changes
// (newestPolicyAuditId skips "restriction.*"): they reload no policy.
//
// Thread safety: as Store (any thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "policy/device_restriction.h"
#include "policy/model.h"

namespace esafety::store {

struct RestrictionRecord {
  int64_t id = 0;
  policy::DeviceRestriction rule;  // device, kind, allow-list, until
  std::string device_name;         // filled in by activeRestrictions
  std::string room;                // the device's room
  std::string by;                  // who made it
  std::string reason;
  int64_t created_at = 0;  // Unix seconds
};

class RestrictionStore {
 public:
  virtual ~RestrictionStore() = default;

  // kNotFound for a device the school does not have; kInvalidArgument for an
  // allow-list without entries, or an end not after `now`. Returns the id.
  virtual Result<int64_t> addRestriction(policy::SchoolId school, const policy::DeviceRestriction& rule,
                                         std::string_view actor, std::string_view reason,
                                         int64_t now) = 0;
  // kNotFound when the device has no restriction in force at `now`.
  virtual Status endRestriction(policy::SchoolId school, int64_t device, std::string_view actor,
                                std::string_view reason, int64_t now) = 0;
  // The restrictions in force at `now` (not ended, not past their end), by device name.
  virtual Result<std::vector<RestrictionRecord>> activeRestrictions(policy::SchoolId school,
                                                                    int64_t now) = 0;
  // Moves on every change; 0 before the first.
  virtual Result<int64_t> restrictionGeneration(policy::SchoolId school) = 0;
};

}  // namespace esafety::store
