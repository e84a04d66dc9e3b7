// esafety records raise --about PUPIL --saw TEXT [--child-words TEXT] [--where TEXT] [--by LOGIN]
// esafety records incident [--child-victim PUPIL ...] [--child-instigator PUPIL ...]
//     [--staff-victim LOGIN ...] [--staff-instigator LOGIN ...]
//     --activity illegal|inappropriate|not-sure [--advice TEXT] --narrative TEXT [--by LOGIN]
// esafety records list [--by LOGIN]
// esafety records show ID [--by LOGIN]
// esafety records verify
//
// Safeguarding records (issue 15): every call is control::RecordsDesk's, as
// the console's will be. --by names the member of staff acting (their
// console login); what they may see is the desk's rule
// (control/record_access.h), and every show is logged and audited. The
// words are sealed with the key file <data>/records.key; without it the
// records are locked and each command says so.
#include <fmt/format.h>

#include <cstdio>
#include <utility>
#include <vector>

#include "app/cli_common.h"
#include "control/records_desk.h"
#include "identity/local_times.h"
#include "records/incident_routes.h"

namespace esafety::app {
namespace {

using control::RecordsDesk;

struct RecordsOptions {
  std::string about, saw, child_words, where, by, activity, advice, narrative;
  std::vector<std::string> child_victims, child_instigators, staff_victims, staff_instigators;
  int64_t id = 0;
};

// Opens the store and the desk, finds the member of staff `by` (their
// login; default: the login name running the command) and runs
// fn(desk, person, store, clock).
template <typename Fn>
int withDesk(const GlobalOptions& global, const std::string& by, Fn&& fn) {
  return withStore(global, [&](store::Store& store, const control::DataDir& dir, Clock& clock) {
    RecordsDesk desk = RecordsDesk::open(dir, store, policy::kDefaultSchool, clock);
    if (desk.locked()) return fail(failedPrecondition("the records are locked: " + desk.lockedReason()));
    std::string login = by.empty() ? defaultActor() : by;
    auto person = store.personByLogin(policy::kDefaultSchool, login);
    if (!person) return fail(person.status());
    if (!person->has_value()) return fail(notFound(fmt::format("no one signs in as '{}'", login)));
    return fn(desk, **person, store, clock);
  });
}

std::string partiesText(store::Store& store, const std::vector<records::RecordParty>& parties) {
  std::string out;
  for (const auto& p : parties) {
    if (!out.empty()) out += ", ";
    std::string name = fmt::format("person {}", p.person);
    auto person = store.person(policy::kDefaultSchool, p.person);
    if (person && person->has_value()) name = (*person)->name;
    out += fmt::format("{} ({})", name, records::partyRoleName(p.role));
  }
  return out;
}

int raise(const GlobalOptions& global, const RecordsOptions& o) {
  return withDesk(global, o.by, [&](RecordsDesk& desk, const identity::Person& by, store::Store&,
                                    const Clock&) {
    auto pupil = desk.findPupil(o.about);
    if (!pupil) return fail(pupil.status());
    auto raised = desk.raiseConcern(
        by, {.about = pupil->id, .saw = o.saw, .child_words = o.child_words, .where = o.where});
    if (!raised) return fail(raised.status());
    std::printf("Concern %lld (%s) about %s has gone to the designated safeguarding lead.\n"
                "Once raised, it is read only by those who must act on it.\n",
                static_cast<long long>(raised->id), raised->ref.c_str(), pupil->name.c_str());
    return kExitOk;
  });
}

// Step 1's people from the options: pupils by UPN or name, staff by login.
Result<std::vector<records::RecordParty>> incidentParties(RecordsDesk& desk, store::Store& store,
                                                          const RecordsOptions& o) {
  std::vector<records::RecordParty> out;
  using records::PartyRole;
  for (const auto& [names, role] :
       {std::pair{&o.child_victims, PartyRole::kChildVictim}, {&o.child_instigators, PartyRole::kChildInstigator}}) {
    for (const auto& name : *names) {
      auto pupil = desk.findPupil(name);
      if (!pupil) return pupil.status();
      out.push_back({.person = pupil->id, .role = role});
    }
  }
  for (const auto& [logins, role] :
       {std::pair{&o.staff_victims, PartyRole::kStaffVictim}, {&o.staff_instigators, PartyRole::kStaffInstigator}}) {
    for (const auto& login : *logins) {
      auto person = store.personByLogin(policy::kDefaultSchool, login);
      if (!person) return person.status();
      if (!person->has_value()) return notFound(fmt::format("no one signs in as '{}'", login));
      out.push_back({.person = (*person)->id, .role = role});
    }
  }
  return out;
}

int incident(const GlobalOptions& global, const RecordsOptions& o) {
  auto activity = records::parseActivity(o.activity);
  if (!activity) return fail(invalidArgument("--activity: " + activity.status().message()));
  return withDesk(global, o.by, [&](RecordsDesk& desk, const identity::Person& by,
                                    store::Store& store, const Clock&) {
    auto parties = incidentParties(desk, store, o);
    if (!parties) return fail(parties.status());
    auto made = desk.recordIncident(by, {.parties = std::move(*parties), .activity = *activity,
                                         .advice = o.advice, .narrative = o.narrative});
    if (!made) return fail(made.status());
    std::printf("Incident %lld (%s) recorded. Routes: %s\n", static_cast<long long>(made->id),
                made->ref.c_str(), made->routes.c_str());
    return kExitOk;
  });
}

int list(const GlobalOptions& global, const RecordsOptions& o) {
  return withDesk(global, o.by, [&](RecordsDesk& desk, const identity::Person& by,
                                    store::Store& store, const Clock& clock) {
    auto rows = desk.list(by);
    if (!rows) return fail(rows.status());
    if (rows->empty()) {
      std::printf("No records you may read.\n");
      return kExitOk;
    }
    std::printf("%-6s %-20s %-9s %-17s %s\n", "ID", "REF", "KIND", "RAISED", "ABOUT");
    for (const auto& r : *rows) {
      std::printf("%-6lld %-20s %-9s %-17s %s\n", static_cast<long long>(r.id), r.ref.c_str(),
                  r.kind.c_str(), identity::formatLocal(clock, r.created_at).c_str(),
                  partiesText(store, r.parties).c_str());
    }
    return kExitOk;
  });
}

int show(const GlobalOptions& global, const RecordsOptions& o) {
  return withDesk(global, o.by, [&](RecordsDesk& desk, const identity::Person& by,
                                    store::Store& store, const Clock& clock) {
    auto view = desk.show(by, o.id);
    if (!view) return fail(view.status());
    const auto& s = view->summary;
    std::printf("Record %lld (%s), a %s\n", static_cast<long long>(s.id), s.ref.c_str(), s.kind.c_str());
    std::printf("Raised:   %s by %s\n", identity::formatLocal(clock, s.created_at).c_str(),
                view->raised_by.c_str());
    std::printf("Happened: %s\n", identity::formatLocal(clock, s.occurred_at).c_str());
    std::printf("People:   %s\n", partiesText(store, s.parties).c_str());
    if (!s.activity.empty()) std::printf("Activity: %s\n", s.activity.c_str());
    if (!s.routes.empty()) std::printf("Routes:   %s\n", s.routes.c_str());
    for (const auto& [name, text] : view->fields) {
      std::printf("\n%s:\n%s\n", name.c_str(), text.c_str());
    }
    std::printf("\n(This reading is in the record log and the audit trail.)\n");
    return kExitOk;
  });
}

int verify(const GlobalOptions& global) {
  return withStore(global, [&](store::Store& store, const control::DataDir& dir, Clock& clock) {
    RecordsDesk desk = RecordsDesk::open(dir, store, policy::kDefaultSchool, clock);
    auto checked = desk.verify();
    if (!checked) return fail(checked.status());
    if (checked->broken) {
      std::fprintf(stderr, "esafety: the record log is broken at entry %lld: %s\n",
                   static_cast<long long>(checked->broken->seq), checked->broken->why.c_str());
      return kExitFailure;
    }
    std::printf("The record log is whole: %zu entries, %zu records.\n", checked->entries,
                checked->records);
    return kExitOk;
  });
}

}  // namespace

void addRecordsCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto o = std::make_shared<RecordsOptions>();
  auto* records = app.add_subcommand("records", "Safeguarding records: raise, incident, list, show, verify");
  records->require_subcommand(1);

  auto* raise_cmd = records->add_subcommand("raise", "Raise a safeguarding concern about a pupil");
  raise_cmd->add_option("--about", o->about, "The pupil: UPN or full name")->required();
  raise_cmd->add_option("--saw", o->saw, "What you saw or heard")->required();
  raise_cmd->add_option("--child-words", o->child_words, "The child's own words, as said");
  raise_cmd->add_option("--where", o->where, "Where it happened");
  raise_cmd->add_option("--by", o->by, "Your login (default: your login name)");
  raise_cmd->callback([&global, o, &run] { run = [&global, o] { return raise(global, *o); }; });

  auto* incident_cmd = records->add_subcommand(
      "incident", "Record an incident (the DSL's steps 1-3); prints the routes that follow");
  incident_cmd->add_option("--child-victim", o->child_victims, "A pupil (UPN or full name)");
  incident_cmd->add_option("--child-instigator", o->child_instigators, "A pupil (UPN or full name)");
  incident_cmd->add_option("--staff-victim", o->staff_victims, "A member of staff (login)");
  incident_cmd->add_option("--staff-instigator", o->staff_instigators, "A member of staff (login)");
  incident_cmd->add_option("--activity", o->activity, "illegal, inappropriate or not-sure")->required();
  incident_cmd->add_option("--advice", o->advice, "The advice taken (needed with not-sure)");
  incident_cmd->add_option("--narrative", o->narrative, "The account of what happened")->required();
  incident_cmd->add_option("--by", o->by, "Your login (default: your login name)");
  incident_cmd->callback([&global, o, &run] { run = [&global, o] { return incident(global, *o); }; });

  auto* list_cmd = records->add_subcommand("list", "The records you may read, newest first");
  list_cmd->add_option("--by", o->by, "Your login (default: your login name)");
  list_cmd->callback([&global, o, &run] { run = [&global, o] { return list(global, *o); }; });

  auto* show_cmd = records->add_subcommand("show", "Open a record (logged and audited)");
  show_cmd->add_option("id", o->id, "The record's number")->required();
  show_cmd->add_option("--by", o->by, "Your login (default: your login name)");
  show_cmd->callback([&global, o, &run] { run = [&global, o] { return show(global, *o); }; });

  auto* verify_cmd = records->add_subcommand("verify", "Check the record log's hash chain");
  verify_cmd->callback([&global, &run] { run = [&global] { return verify(global); }; });
}

}  // namespace esafety::app
