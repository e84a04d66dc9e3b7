// RecordsDesk::recordIncident: the DSL's steps 1-3 (records_desk.h), with
// the routes that follow from steps 1 and 2 (records/incident_routes.h).
#include <fmt/format.h>

#include <algorithm>

#include "control/records_desk.h"
#include "identity/permissions.h"

namespace esafety::control {
namespace {

bool isChildRole(records::PartyRole role) {
  return role == records::PartyRole::kChildVictim || role == records::PartyRole::kChildInstigator;
}

void mark(records::Involvement& who, records::PartyRole role) {
  switch (role) {
    case records::PartyRole::kChildVictim: who.child_victim = true; break;
    case records::PartyRole::kChildInstigator: who.child_instigator = true; break;
    case records::PartyRole::kStaffVictim: who.staff_victim = true; break;
    case records::PartyRole::kStaffInstigator: who.staff_instigator = true; break;
    case records::PartyRole::kAbout: break;
  }
}

std::string joinRoutes(const std::vector<records::RoutePlan>& plans) {
  std::string out;
  for (const auto& p : plans) {
    if (!out.empty()) out += ',';
    out += records::routeName(p.route);
  }
  return out;
}

}  // namespace

Result<records::Involvement> RecordsDesk::involvementOf(
    const std::vector<records::RecordParty>& parties) {
  records::Involvement who;
  for (const auto& p : parties) {
    if (p.role == records::PartyRole::kAbout) {
      return invalidArgument("step 1: give each person's role in the incident");
    }
    auto person = store_.person(school_, p.person);
    if (!person) return person.status();
    if (!person->has_value()) return invalidArgument(fmt::format("step 1: no person {}", p.person));
    const identity::Person& found = **person;
    const bool pupil = found.kind == identity::PersonKind::kPupil;
    const bool staff = found.kind == identity::PersonKind::kStaff;
    if ((isChildRole(p.role) && !pupil) || (!isChildRole(p.role) && !staff)) {
      return invalidArgument(fmt::format("step 1: {} cannot be a {}", found.name,
                                         records::partyRoleName(p.role)));
    }
    mark(who, p.role);
    if (p.role == records::PartyRole::kStaffInstigator && found.role == identity::Role::kHead) {
      who.head_is_instigator = true;
    }
  }
  return who;
}

Result<RecordSummary> RecordsDesk::recordIncident(const identity::Person& by,
                                                  const IncidentInput& in) {
  ESAFETY_RETURN_IF_ERROR(requireOpen());
  if (by.kind != identity::PersonKind::kStaff ||
      !identity::allowed(by.role, identity::Permission::kWriteSafeguardingRecords)) {
    return permissionDenied("only the designated safeguarding lead, the deputy and the head record incidents");
  }
  if (std::any_of(in.parties.begin(), in.parties.end(),
                  [&by](const records::RecordParty& p) { return p.person == by.id; })) {
    return permissionDenied("you are among the people involved: the deputy, the head or the chair "
                            "of governors records this incident");
  }
  if (in.narrative.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalidArgument("step 3: write the account of what happened");
  }
  if (in.activity == records::Activity::kNotSure && in.advice.empty()) {
    return invalidArgument("step 2: not sure: record the advice taken (the DSL or the Education "
                           "Child Protection Service helpline)");
  }
  auto who = involvementOf(in.parties);
  if (!who) return who.status();
  auto routes = records::routesFor(*who, in.activity);
  if (!routes) return invalidArgument(fmt::format("step 1: {}", routes.status().message()));
  records::RecordRow row{.ref = records::newRecordRef(), .kind = "incident",
                         .created_at = clock_.nowUnix(), .raised_by = by.login,
                         .raised_by_person = by.id};
  row.occurred_at = in.occurred_at != 0 ? in.occurred_at : row.created_at;
  row.activity = std::string(records::activityName(in.activity));
  row.routes = joinRoutes(*routes);
  row.parties = in.parties;
  return sealAndStore(std::move(row), {{"narrative", in.narrative}, {"advice", in.advice}}, by.login);
}

}  // namespace esafety::control
