#include "control/restriction_json.h"

namespace esafety::control {

nlohmann::json restrictionJson(const store::RestrictionRecord& record) {
  nlohmann::json allow = nlohmann::json::array();
  for (const auto& e : record.rule.allow) allow.push_back(policy::allowEntryText(e));
  return {{"id", record.id},
          {"device_id", record.rule.device_id},
          {"device", record.device_name},
          {"room", record.room},
          {"kind", policy::restrictionKindName(record.rule.kind)},
          {"allow", std::move(allow)},
          {"until_ms", record.rule.until * 1000},
          {"by", record.by},
          {"reason", record.reason},
          {"created_ms", record.created_at * 1000}};
}

}  // namespace esafety::control
