// esafety alerts [filters] [--csv|--json]
// esafety alerts show ID [--json]
// esafety alerts triage ID --action ACTION --note TEXT [--by NAME]
// esafety alerts rules [--set FILE --reason TEXT] [--by NAME]
// esafety alerts rota [--set FIELD=VALUE ... --reason TEXT] [--by NAME]
//   (cmd_alerts_rota.cc)
//
// The DSL's alerts (issue 14): every call is control::AlertAdmin's, as on
// the console, and `--json` prints the console's objects
// (control/alert_json.h). Notes are sealed with the key file
// <data>/records.key (records/sealer.h); triage and show open it.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli_common.h"
#include "control/alert_admin.h"
#include "control/alert_json.h"
#include "identity/local_times.h"

namespace esafety::app {
namespace {

using control::AlertAdmin;

struct AlertsOptions {
  std::string person, group, class_name, category, state, action, note, rules_file, reason, by;
  int level = 1;
  int limit = 200;
  int64_t since_hours = 0;
  int64_t id = 0;
  bool open_only = false, csv = false, json = false;
};

std::string actorOf(const AlertsOptions& o) { return o.by.empty() ? defaultActor() : o.by; }

// Opens the store, the sealer (when `sealed`) and the event log, and runs
// `fn(admin, clock)`.
template <typename Fn>
int withAlertAdmin(const GlobalOptions& global, bool sealed, Fn&& fn) {
  return withStore(global, [&](store::Store& store, const control::DataDir& dir, Clock& clock) {
    std::unique_ptr<records::Sealer> sealer;
    if (sealed) {
      auto opened = control::openRecordsSealer(dir, store);
      if (!opened) return fail(opened.status());
      sealer = std::move(*opened);
    }
    std::unique_ptr<events::SqliteEventStore> events;
    auto log = events::SqliteEventStore::open(events::eventsDatabasePath(dir.root), clock,
                                              {.read_only = true});
    if (log) events = std::move(*log);
    AlertAdmin admin(store, policy::kDefaultSchool, sealer.get(), events.get());
    return fn(admin, clock);
  });
}

std::string personOf(const alerts::Alert& a) {
  if (!a.subject.user_name.empty()) return a.subject.user_name;
  if (!a.subject.device_name.empty()) return a.subject.device_name;
  return a.subject.client_ip;
}

std::string csvField(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int list(const GlobalOptions& global, const AlertsOptions& o, const Clock& now_clock) {
  alerts::AlertFilter filter;
  filter.person = o.person;
  filter.group = o.group;
  filter.class_name = o.class_name;
  filter.category = o.category;
  filter.open_only = o.open_only;
  filter.min_level = o.level;
  filter.limit = o.limit;
  if (!o.state.empty()) {
    filter.state = alerts::parseAlertState(o.state);
    if (!filter.state) {
      return fail(invalidArgument(fmt::format(
          "--state: '{}' is not one of open, acknowledged, monitor, incident, false-positive, "
          "no-concern", o.state)));
    }
  }
  if (o.since_hours > 0) filter.since_ms = (now_clock.nowUnix() - o.since_hours * 3600) * 1000;
  return withAlertAdmin(global, false, [&](AlertAdmin& admin, const Clock& clock) {
    auto rows = admin.list(filter);
    if (!rows) return fail(rows.status());
    if (o.json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& a : *rows) out.push_back(control::alertJson(a));
      std::printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
      return kExitOk;
    }
    if (o.csv) {
      std::printf("id,level,state,category,person,group,first_seen,last_seen,evidence,rule\n");
      for (const auto& a : *rows) {
        std::printf("%lld,%d,%s,%s,%s,%s,%s,%s,%lld,%s\n", static_cast<long long>(a.id), a.level,
                    std::string(alerts::alertStateName(a.state)).c_str(), csvField(a.category).c_str(),
                    csvField(personOf(a)).c_str(), csvField(a.subject.group).c_str(),
                    identity::formatLocal(clock, a.first_seen_ms / 1000).c_str(),
                    identity::formatLocal(clock, a.last_seen_ms / 1000).c_str(),
                    static_cast<long long>(a.evidence_count), csvField(a.rule).c_str());
      }
      return kExitOk;
    }
    if (rows->empty()) {
      std::printf("No alerts match.\n");
      return kExitOk;
    }
    std::printf("%-6s %-5s %-14s %-16s %-22s %-10s %-19s %8s\n", "ID", "LEVEL", "STATE", "CATEGORY",
                "WHO", "GROUP", "LAST SEEN", "EVIDENCE");
    for (const auto& a : *rows) {
      std::printf("%-6lld %-5d %-14s %-16s %-22s %-10s %-19s %8lld\n", static_cast<long long>(a.id),
                  a.level, std::string(alerts::alertStateName(a.state)).c_str(),
                  a.category.c_str(), personOf(a).c_str(), a.subject.group.c_str(),
                  identity::formatLocal(clock, a.last_seen_ms / 1000).c_str(),
                  static_cast<long long>(a.evidence_count));
    }
    return kExitOk;
  });
}

// Who was told, rung by rung (control/alert_escalator.h).
void printEscalations(const std::vector<alerts::EscalationStep>& steps, const Clock& clock) {
  if (steps.empty()) {
    std::printf("Told:  nobody yet (below the rota's mail level, or waiting for the next pass)\n");
    return;
  }
  std::printf("Told (%zu step%s):\n", steps.size(), steps.size() == 1 ? "" : "s");
  for (const auto& s : steps) {
    std::string what;
    switch (s.outcome) {
      case alerts::EscalationStep::Outcome::kMailed:
        what = fmt::format("mailed {} (mail {})", fmt::join(s.addresses, ", "), s.mail_id);
        break;
      case alerts::EscalationStep::Outcome::kNoAddress:
        what = "nobody there has an email address: on to the next rung";
        break;
      case alerts::EscalationStep::Outcome::kNobody:
        what = "NOBODY on the rota has an email address: nobody was told";
        break;
    }
    std::printf("  %s  rung %d (%s, %s): %s\n", identity::formatLocal(clock, s.at).c_str(), s.rung + 1,
                s.target.c_str(), s.rota.c_str(), what.c_str());
  }
}

int show(const GlobalOptions& global, const AlertsOptions& o) {
  return withAlertAdmin(global, true, [&](AlertAdmin& admin, const Clock& clock) {
    auto view = admin.show(o.id);
    if (!view) return fail(view.status());
    if (o.json) {
      std::printf("%s\n", control::alertDetailJson(*view)
                              .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                              .c_str());
      return kExitOk;
    }
    const auto& a = view->alert;
    std::printf("Alert %lld: level %d, %s, %s\n", static_cast<long long>(a.id), a.level,
                a.category.c_str(), std::string(alerts::alertStateName(a.state)).c_str());
    std::printf("Who:   %s (group %s, device %s, address %s)\n", personOf(a).c_str(),
                a.subject.group.c_str(), a.subject.device_name.c_str(), a.subject.client_ip.c_str());
    std::printf("When:  %s to %s\n", identity::formatLocal(clock, a.first_seen_ms / 1000).c_str(),
                identity::formatLocal(clock, a.last_seen_ms / 1000).c_str());
    std::printf("Why:   rule \"%s\": %s\n", a.rule.c_str(), a.why.c_str());
    std::printf("Evidence (%zu kept of %lld):\n", view->evidence.size(),
                static_cast<long long>(a.evidence_count));
    for (const auto& e : view->evidence) {
      std::printf("  %s  event %lld  %s\n", identity::formatLocal(clock, e.time_ms / 1000).c_str(),
                  static_cast<long long>(e.event_id), e.why.c_str());
    }
    for (const auto& act : view->actions) {
      std::printf("%s  %s by %s: %s\n", identity::formatLocal(clock, act.record.at).c_str(),
                  std::string(alerts::triageActionName(act.record.action)).c_str(),
                  act.record.actor.c_str(),
                  act.note_error.empty() ? act.note.c_str() : act.note_error.c_str());
    }
    printEscalations(view->escalations, clock);
    return kExitOk;
  });
}

// "--note -" reads the note from standard input, so that it is not left in
// the shell's history or the process list.
std::string noteOf(const AlertsOptions& o) {
  if (o.note != "-") return o.note;
  std::stringstream text;
  text << std::cin.rdbuf();
  std::string note = text.str();
  while (!note.empty() && (note.back() == '\n' || note.back() == '\r')) note.pop_back();
  return note;
}

int triage(const GlobalOptions& global, const AlertsOptions& o) {
  const std::string note = noteOf(o);
  return withAlertAdmin(global, true, [&](AlertAdmin& admin, const Clock&) {
    auto state = admin.triage(o.id, o.action, note, actorOf(o));
    if (!state) return fail(state.status());
    std::printf("Alert %lld is now %s.\n", static_cast<long long>(o.id),
                std::string(alerts::alertStateName(*state)).c_str());
    return kExitOk;
  });
}

int rules(const GlobalOptions& global, const AlertsOptions& o) {
  return withAlertAdmin(global, false, [&](AlertAdmin& admin, const Clock&) {
    if (o.rules_file.empty()) {
      auto current = admin.rules();
      if (!current) return fail(current.status());
      std::fprintf(stderr, "# version %lld, set by %s: %s\n",
                   static_cast<long long>(current->version), current->set_by.c_str(),
                   current->reason.c_str());
      std::fputs(current->text.c_str(), stdout);
      return kExitOk;
    }
    std::ifstream in(o.rules_file, std::ios::binary);
    if (!in) return fail(invalidArgument(fmt::format("cannot read {}", o.rules_file)));
    std::stringstream text;
    text << in.rdbuf();
    auto version = admin.setRules(text.str(), actorOf(o), o.reason);
    if (!version) {
      return fail(Status(version.status().code(),
                         fmt::format("{}: {}", o.rules_file, version.status().message())));
    }
    std::printf("Alert rules version %lld are in force (a running esafety serve takes them within a second).\n",
                static_cast<long long>(*version));
    return kExitOk;
  });
}

}  // namespace

void addAlertsCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto o = std::make_shared<AlertsOptions>();
  auto* alerts = app.add_subcommand("alerts", "Monitoring alerts for the DSL: list, show, triage, rules, rota");
  alerts->add_option("--person", o->person, "A pupil's or device's name");
  alerts->add_option("--group", o->group, "A filter group (KS1, KS2, Staff, ...)");
  alerts->add_option("--class", o->class_name,
                     "A registration class: its pupils and the devices in its room (Oak, ...)");
  alerts->add_option("--category", o->category, "self-harm, bullying, circumvention, ...");
  alerts->add_option("--state", o->state, "open, acknowledged, monitor, incident, false-positive, no-concern");
  alerts->add_flag("--open", o->open_only, "Only alerts not yet closed");
  alerts->add_option("--level", o->level, "Only this level (1-5) and above")->check(CLI::Range(1, 5));
  alerts->add_option("--since-hours", o->since_hours, "Only alerts seen in the last N hours");
  alerts->add_option("--limit", o->limit, "At most this many (1-10000)")->check(CLI::Range(1, 10000));
  auto* csv = alerts->add_flag("--csv", o->csv, "Print CSV");
  alerts->add_flag("--json", o->json, "Print the console's JSON")->excludes(csv);
  alerts->callback([&global, o, &run, alerts] {
    if (!alerts->get_subcommands().empty()) return;
    run = [&global, o] {
      SystemClock clock;
      return list(global, *o, clock);
    };
  });

  auto* show_cmd = alerts->add_subcommand("show", "Who, when, the evidence and why, with the triage notes");
  show_cmd->add_option("id", o->id, "The alert's number")->required();
  show_cmd->add_flag("--json", o->json, "Print the console's JSON");
  show_cmd->callback([&global, o, &run] { run = [&global, o] { return show(global, *o); }; });

  auto* triage_cmd = alerts->add_subcommand("triage", "Acknowledge an alert, then close or follow it up");
  triage_cmd->add_option("id", o->id, "The alert's number")->required();
  triage_cmd->add_option("--action", o->action,
                         "acknowledge; then false-positive, no-concern, monitor or incident")
      ->required();
  triage_cmd->add_option("--note", o->note, "What was done and why (kept sealed); - reads it from standard input")->required();
  triage_cmd->add_option("--by", o->by, "Who is acting (default: your login name)");
  triage_cmd->callback([&global, o, &run] { run = [&global, o] { return triage(global, *o); }; });

  auto* rules_cmd = alerts->add_subcommand("rules", "Show the alert rules, or set them from a file");
  rules_cmd->add_option("--set", o->rules_file, "A rules file (TOML) to put in force");
  auto* reason = rules_cmd->add_option("--reason", o->reason, "Why the rules change (audited)");
  rules_cmd->add_option("--by", o->by, "Who is changing them (default: your login name)");
  (void)reason;
  rules_cmd->callback([&global, o, &run] { run = [&global, o] { return rules(global, *o); }; });

  addAlertsRotaCommand(*alerts, global, run);
}

}  // namespace esafety::app
