#include "control/rota_addresses.h"

#include <algorithm>

#include "core/text.h"
#include "store/validation.h"

namespace esafety::control {

Result<RotaAddresses> RotaAddresses::load(identity::PeopleStore& people, policy::SchoolId school,
                                          int64_t now) {
  auto all = people.people(school);
  if (!all) return all.status();
  auto sanctions = people.activeSanctions(school, now);
  if (!sanctions) return sanctions.status();
  std::set<int64_t> deactivated;
  for (const auto& s : *sanctions) {
    if (s.kind == identity::SanctionKind::kDeactivate && s.activeAt(now)) deactivated.insert(s.person);
  }
  RotaAddresses book;
  for (const identity::Person& p : *all) {
    if (p.kind != identity::PersonKind::kStaff || deactivated.count(p.id) != 0) continue;
    std::string address = !p.email.empty() ? p.email : p.login;
    if (!store::validateMailAddress(address).isOk()) address.clear();
    book.staff_.push_back({std::string(identity::roleName(p.role)), asciiLower(p.login),
                           std::move(address)});
  }
  return book;
}

std::vector<std::string> RotaAddresses::addresses(const RotaEntry& entry) const {
  std::vector<std::string> out;
  const std::string login = asciiLower(entry.name);
  for (const Staff& s : staff_) {
    const bool at_rung = entry.kind == RotaEntry::Kind::kRole ? s.role == entry.name : s.login == login;
    if (at_rung && !s.address.empty()) out.push_back(s.address);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace esafety::control
