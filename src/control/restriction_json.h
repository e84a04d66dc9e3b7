// A device restriction as JSON, the same for `esafety devices restrictions
// --format json` and the console's /api/v1/restrictions (docs/api/openapi.yaml
// "Restriction"):
//   {"id", "device_id", "device", "room", "kind": "pause"|"allow_list",
//    "allow": ["bbc.co.uk/bitesize"], "until_ms", "by", "reason", "created_ms"}
#pragma once

#include <nlohmann/json.hpp>

#include "store/restriction_store.h"

namespace esafety::control {

nlohmann::json restrictionJson(const store::RestrictionRecord& record);

}  // namespace esafety::control
