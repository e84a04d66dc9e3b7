#include "identity/policy_feed.h"

#include <unordered_map>

#include "identity/year_group.h"

namespace esafety::identity {

Status addIdentities(PeopleStore& store, policy::SchoolId school, int64_t now,
                     policy::PolicyData& data) {
  auto people = store.people(school);
  if (!people) return people.status();
  std::unordered_map<int64_t, const Person*> by_id;
  for (const Person& p : *people) by_id.emplace(p.id, &p);
  auto has_group = [&](std::string_view name) {
    for (const auto& g : data.groups) {
      if (g.name == name) return true;
    }
    return false;
  };
  auto checkouts = store.activeCheckouts(school, now);
  if (!checkouts) return checkouts.status();
  for (const Checkout& c : *checkouts) {
    auto it = by_id.find(c.person);
    if (it == by_id.end()) continue;
    const Person& pupil = *it->second;
    policy::DeviceCheckout out{.device_id = c.device,
                               .user_id = pupil.id,
                               .user_name = pupil.name,
                               .from = c.from,
                               .until = c.until};
    if (pupil.year != kNoYear) {
      std::string group(keyStageGroup(pupil.year));
      if (has_group(group)) out.group = std::move(group);
    }
    data.checkouts.push_back(std::move(out));
  }
  auto sanctions = store.activeSanctions(school, now);
  if (!sanctions) return sanctions.status();
  for (const Sanction& s : *sanctions) {
    data.sanctions.push_back({.user_id = s.person,
                              .deactivated = s.kind == SanctionKind::kDeactivate,
                              .restricted = s.kind == SanctionKind::kRestrict,
                              .from = s.at,
                              .until = s.until});
  }
  return Status::ok();
}

}  // namespace esafety::identity
