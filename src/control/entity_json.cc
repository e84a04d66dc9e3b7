#include "control/entity_json.h"

#include "identity/year_group.h"

namespace esafety::control {

using nlohmann::json;

std::string yearName(int year) {
  return year == identity::kNoYear ? std::string() : identity::yearGroupName(year);
}

json sanctionJson(const identity::Sanction& s) {
  return {{"id", s.id},
          {"kind", identity::sanctionKindName(s.kind)},
          {"until_ms", s.until * 1000},
          {"reason", s.reason},
          {"by", s.by},
          {"at_ms", s.at * 1000}};
}

json sanctionJson(const identity::Sanction& s, const identity::Person& person) {
  json out = sanctionJson(s);
  out["person"] = {{"id", person.id},
                   {"name", person.name},
                   {"kind", identity::personKindName(person.kind)},
                   {"upn", person.upn},
                   {"login", person.login}};
  return out;
}

json personJson(const PersonRecord& r) {
  const identity::Person& p = r.person;
  json sanctions = json::array();
  for (const identity::Sanction& s : r.sanctions) sanctions.push_back(sanctionJson(s));
  return {{"id", p.id},
          {"kind", identity::personKindName(p.kind)},
          {"name", p.name},
          {"role", identity::roleName(p.role)},
          {"login", p.login},
          {"upn", p.upn},
          {"date_of_birth", p.date_of_birth},
          {"year", p.year},
          {"year_name", yearName(p.year)},
          {"class", p.class_name},
          {"sanctions", std::move(sanctions)}};
}

json deviceJson(const DeviceRecord& r) {
  const policy::Device& d = r.device;
  json checkout = nullptr;
  if (r.checkout) {
    checkout = {{"pupil", r.pupil_name},
                {"upn", r.pupil_upn},
                {"until_ms", r.checkout->until * 1000},
                {"by", r.checkout->by}};
  }
  return {{"id", d.id},
          {"name", d.name},
          {"type", d.type},
          {"room", d.room},
          {"mac", d.mac},
          {"ip", d.ip},
          {"dhcp_reservation", d.dhcp_reservation},
          {"group", d.group},
          {"checkout", std::move(checkout)}};
}

}  // namespace esafety::control
