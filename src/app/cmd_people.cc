// esafety people import|list|add-staff|set-password|totp-reset|visitor-password|
//                year-logins|set-role|add-contact|sanction|lift-sanction|sanctions
//
// Pupils come from the MIS as CSV, in two steps: `people import FILE` shows
// the preview and every problem (row and field) and imports nothing;
// `people import FILE --commit` imports, all or nothing, only when the file
// has no errors. Generated passwords are printed once and never stored.
// Every change is control::PeopleAdmin's, as on the console; `list --format
// json` prints each person as the console's API does (control/entity_json.h).
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli_common.h"
#include "app/with_people_admin.h"
#include "identity/local_times.h"
#include "control/entity_json.h"
#include "control/people_admin.h"
#include "identity/year_group.h"

namespace esafety::app {
namespace {

using control::PeopleAdmin;

struct PeopleOptions {
  std::string file;
  bool commit = false;
  std::string name, email, role = "teacher", login, relationship, phone, who, until, reason, by, class_name;
  std::vector<std::string> pupils;
  bool password_stdin = false;
  bool rotate = false;
  bool deactivate = false, restrict_ = false;
  std::string format = "table";
  int64_t id = 0;
};

std::string actorOf(const PeopleOptions& o) {
  return o.by.empty() ? defaultActor() : o.by;
}

Result<std::string> readPassword(bool from_stdin) {
  if (!from_stdin) return std::string();
  std::string line;
  if (!std::getline(std::cin, line)) return invalidArgument("no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

void printGenerated(const control::AddedLogin& added) {
  if (added.generated_password.empty()) return;
  std::printf("Password for %s: %s\n(shown once: it is stored only as a hash)\n",
              added.login.c_str(), added.generated_password.c_str());
}

// At most n bytes for a table column, cut at a character boundary.
std::string cut(std::string_view s, size_t n) {
  if (s.size() <= n) return std::string(s);
  size_t end = n - 1;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return std::string(s.substr(0, end)) + "~";
}

int import(const GlobalOptions& global, const PeopleOptions& o) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) return fail(notFound(fmt::format("cannot read {}", o.file)));
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  return withPeopleAdmin(global, [&](PeopleAdmin& admin, store::Store&, const Clock&) {
    auto preview = admin.previewImport(text);
    if (!preview)
      return fail(Status(preview.status().code(),
                         fmt::format("{}: {}", o.file, preview.status().message())));
    std::printf("%-5s %-26s %-14s %-11s %-10s %-12s %s\n", "Row", "Name", "UPN", "Born", "Year",
                "Class", "");
    for (const auto& row : preview->rows) {
      const auto& p = row.pupil;
      std::printf("%-5d %-26s %-14s %-11s %-10s %-12s %s\n", row.row, cut(p.name, 26).c_str(),
                  cut(p.upn, 14).c_str(), p.date_of_birth.empty() ? "?" : p.date_of_birth.c_str(),
                  p.year == identity::kNoYear ? "?" : identity::yearGroupName(p.year).c_str(),
                  cut(p.class_name, 12).c_str(), row.ok ? "ok" : "ERROR");
    }
    if (!preview->issues.empty()) std::printf("\nProblems:\n");
    for (const auto& issue : preview->issues) {
      std::printf("  %s: %s\n", o.file.c_str(), issue.toString().c_str());
    }
    const size_t errors = preview->errors();
    std::printf("\n%zu pupil%s, %zu error%s, %zu warning%s.\n", preview->rows.size(),
                preview->rows.size() == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
                preview->warnings(), preview->warnings() == 1 ? "" : "s");
    if (errors > 0) {
      std::printf("Nothing was imported. Fix the errors in the MIS or the file and run again.\n");
      return kExitBadInput;
    }
    if (!o.commit) {
      std::printf("Nothing was imported yet. Run again with --commit to import these pupils.\n");
      return kExitOk;
    }
    auto added = admin.commitImport(text, actorOf(o));
    if (!added) return fail(added.status());
    std::printf("Imported %zu pupils.\n", *added);
    return kExitOk;
  });
}

int list(const GlobalOptions& global, const PeopleOptions& o) {
  return withPeopleAdmin(global, [&](PeopleAdmin& admin, store::Store&, const Clock& clock) {
    auto people = admin.roster();
    if (!people) return fail(people.status());
    auto sanctionOf = [&](const control::PersonRecord& r) {
      std::string out;
      for (const auto& s : r.sanctions) {
        out += fmt::format(
            "{}{} until {} (sanction {})", out.empty() ? "" : "; ",
            s.kind == identity::SanctionKind::kDeactivate ? "deactivated" : "restricted",
            s.until == 0 ? "lifted" : identity::formatLocal(clock, s.until), s.id);
      }
      return out;
    };
    if (o.format == "json") {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& r : *people) out.push_back(control::personJson(r));
      std::printf("%s\n", out.dump(2).c_str());
      return kExitOk;
    }
    if (people->empty()) {
      std::printf("Nobody yet. Import pupils with `esafety people import FILE.csv`.\n");
      return kExitOk;
    }
    std::printf("%-10s %-26s %-28s %-9s %-10s %-10s %s\n", "Kind", "Name", "Login or UPN", "Role",
                "Year", "Class", "Sanction");
    for (const auto& r : *people) {
      const auto& p = r.person;
      std::printf("%-10s %-26s %-28s %-9s %-10s %-10s %s\n",
                  identity::personKindName(p.kind).data(), cut(p.name, 26).c_str(),
                  cut(p.login.empty() ? p.upn : p.login, 28).c_str(),
                  identity::roleName(p.role).data(),
                  p.year == identity::kNoYear ? "" : identity::yearGroupName(p.year).c_str(),
                  cut(p.class_name, 10).c_str(), sanctionOf(r).c_str());
    }
    return kExitOk;
  });
}

int sanction(const GlobalOptions& global, const PeopleOptions& o) {
  if (o.deactivate == o.restrict_) {
    return fail(invalidArgument("say --deactivate or --restrict (one of them)"));
  }
  return withPeopleAdmin(global, [&](PeopleAdmin& admin, store::Store&, const Clock& clock) {
    int64_t until = 0;
    if (!o.until.empty()) {
      auto end = identity::endOfDay(clock, o.until);
      if (!end) return fail(Status(end.status().code(), "--until: " + end.status().message()));
      until = *end;
    }
    auto kind =
        o.deactivate ? identity::SanctionKind::kDeactivate : identity::SanctionKind::kRestrict;
    auto id = admin.sanction(o.who, kind, until, o.reason, actorOf(o));
    if (!id) return fail(id.status());
    std::printf("Sanction %lld: %s %s until %s. It applies from the next request.\n",
                static_cast<long long>(*id),
                o.deactivate ? "deactivated" : "restricted to allowed sites:", o.who.c_str(),
                until == 0 ? "lifted" : identity::formatLocal(clock, until).c_str());
    return kExitOk;
  });
}

int addStaff(const GlobalOptions& global, const PeopleOptions& o) {
  auto role = identity::parseRole(o.role);
  if (!role) return fail(invalidArgument(fmt::format("--role: there is no role '{}'", o.role)));
  auto password = readPassword(o.password_stdin);
  if (!password) return fail(password.status());
  return withPeopleAdmin(global, [&](PeopleAdmin& admin, store::Store&, const Clock&) {
    auto added = admin.addStaff(
        {.name = o.name, .email = o.email, .role = *role, .class_name = o.class_name}, *password,
        actorOf(o));
    if (!added) return fail(added.status());
    std::printf("Added %s (%s) as %s.\n", o.name.c_str(), added->login.c_str(),
                identity::roleName(*role).data());
    printGenerated(*added);
    return kExitOk;
  });
}

int setPassword(const GlobalOptions& global, const PeopleOptions& o) {
  auto password = readPassword(o.password_stdin);
  if (!password) return fail(password.status());
  return withPeopleAdmin(global, [&](PeopleAdmin& admin, store::Store&, const Clock&) {
    auto changed = admin.setPassword(o.login, *password, actorOf(o));
    if (!changed) return fail(changed.status());
    std::printf("Changed the password of %s.\n", changed->login.c_str());
    printGenerated(*changed);
    return kExitOk;
  });
}

int setRole(const GlobalOptions& global, const PeopleOptions& o) {
  auto role = identity::parseRole(o.role);
  if (!role) return fail(invalidArgument(fmt::format("role: there is no role '{}'", o.role)));
  return withPeopleAdmin(global, [&](PeopleAdmin& admin, store::Store&, const Clock&) {
    Status s = admin.setRole(o.login, *role, actorOf(o));
    if (!s.isOk()) return fail(s);
    std::printf("%s is now %s.\n", o.login.c_str(), identity::roleName(*role).data());
    return kExitOk;
  });
}

int totpReset(const GlobalOptions& global, const PeopleOptions& o) {
  return withPeopleAdmin(global, [&](PeopleAdmin& admin, store::Store&, const Clock&) {
    Status s = admin.resetTotp(o.login, actorOf(o));
    if (!s.isOk()) return fail(s);
    std::printf(
        "Two-step sign-in is reset for %s. At their next console sign-in they add a new key "
        "to their authenticator app.\n",
        o.login.c_str());
    return kExitOk;
  });
}

int visitorPassword(const GlobalOptions& global, const PeopleOptions& o) {
  if (!o.rotate) {
    return fail(invalidArgument(
        "add --rotate to give the visitor login a new password (the old one stops working)"));
  }
  return withPeopleAdmin(global, [&](PeopleAdmin& admin, store::Store&, const Clock&) {
    auto rotated = admin.rotateVisitorPassword(actorOf(o));
    if (!rotated) return fail(rotated.status());
    printGenerated(*rotated);
    return kExitOk;
  });
}

int yearLogins(const GlobalOptions& global, const PeopleOptions& o) {
  return withPeopleAdmin(global, [&](PeopleAdmin& admin, store::Store&, const Clock&) {
    auto created = admin.ensureYearGroupLogins(actorOf(o));
    if (!created) return fail(created.status());
    if (created->empty()) std::printf("Every year group has its login already.\n");
    for (const auto& added : *created) printGenerated(added);
    return kExitOk;
  });
}

int addContact(const GlobalOptions& global, const PeopleOptions& o) {
  return withPeopleAdmin(global, [&](PeopleAdmin& admin, store::Store&, const Clock&) {
    auto id = admin.addContact(
        {.name = o.name, .relationship = o.relationship, .email = o.email, .phone = o.phone},
        o.pupils, actorOf(o));
    if (!id) return fail(id.status());
    std::printf("Added %s as contact %lld.\n", o.name.c_str(), static_cast<long long>(*id));
    return kExitOk;
  });
}

int liftSanction(const GlobalOptions& global, const PeopleOptions& o) {
  return withPeopleAdmin(global, [&](PeopleAdmin& admin, store::Store&, const Clock&) {
    Status s = admin.liftSanction(o.id, o.reason, actorOf(o));
    if (!s.isOk()) return fail(s);
    std::printf("Lifted sanction %lld.\n", static_cast<long long>(o.id));
    return kExitOk;
  });
}

// What every `people` subcommand shares while the command line is parsed:
// one set of options, and the runner the chosen subcommand sets.
struct PeopleCli {
  CLI::App* people;
  GlobalOptions& global;
  std::shared_ptr<PeopleOptions> o;
  Runner& run;

  // A subcommand that runs `action` with the options, with --by if `by`.
  CLI::App* add(const char* name, const char* help,
                int (*action)(const GlobalOptions&, const PeopleOptions&), bool by = true) {
    CLI::App* cmd = people->add_subcommand(name, help);
    if (by) cmd->add_option("--by", o->by, "Who is making the change (default: your login name)");
    cmd->callback([&global = global, o = o, &run = run, action] {
      run = [&global, o, action] { return action(global, *o); };
    });
    return cmd;
  }
};

constexpr const char* kRoles =
    "teacher, dsl, deputy_dsl, head, it_admin, governor, office or la_admin";

void addPupilCommands(PeopleCli& cli) {
  PeopleOptions& o = *cli.o;
  auto* import_cmd = cli.add(
      "import", "Import pupils from a MIS CSV export (name, UPN, date of birth, year, class)",
      import);
  import_cmd->add_option("file", o.file, "The CSV file")->required();
  import_cmd->add_flag("--commit", o.commit,
                       "Import, if the preview has no errors (default: preview only)");

  auto* list_cmd = cli.add("list", "Everyone the school has added", list, false);
  list_cmd->add_option("--format", o.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();

  auto* contact = cli.add("add-contact", "Add a parent or carer of pupils", addContact);
  contact->add_option("--name", o.name)->required();
  contact->add_option("--relationship", o.relationship, "mother, father, carer, ...");
  contact->add_option("--email", o.email);
  contact->add_option("--phone", o.phone);
  contact->add_option("--pupil", o.pupils, "The pupil's UPN (repeat for siblings)")->required();
}

void addStaffCommands(PeopleCli& cli) {
  PeopleOptions& o = *cli.o;
  auto* staff = cli.add("add-staff", "Add a member of staff with their own login", addStaff);
  staff->add_option("--name", o.name)->required();
  staff->add_option("--email", o.email, "Also their login")->required();
  staff->add_option("--role", o.role, kRoles)->capture_default_str();
  staff->add_option("--class", o.class_name,
                    "A teacher's class, e.g. \"Year 5\": the room whose devices they may pause in "
                    "the live class view, and whose alerts they see when the school turns that on");
  staff->add_flag("--password-stdin", o.password_stdin,
                  "Read the password from standard input (default: generate one and show it once)");

  auto* set_password = cli.add("set-password", "Give a login a new password", setPassword);
  set_password->add_option("login", o.login)->required();
  set_password->add_flag("--password-stdin", o.password_stdin,
                         "Read it from standard input (default: generate one and show it once)");

  auto* set_role = cli.add(
      "set-role", "Give a member of staff another role (their console sessions end)", setRole);
  set_role->add_option("login", o.login, "Their e-mail address (their login)")->required();
  set_role->add_option("role", o.role, kRoles)->required();

  auto* totp_reset = cli.add(
      "totp-reset",
      "Turn off a member of staff's two-step sign-in code (a lost phone); they set it up again at "
      "their next console sign-in",
      totpReset);
  totp_reset->add_option("login", o.login, "Their e-mail address (their login)")->required();
}

void addSharedLoginCommands(PeopleCli& cli) {
  auto* visitor = cli.add("visitor-password", "The shared visitor login", visitorPassword);
  visitor->add_flag("--rotate", cli.o->rotate,
                    "Set a new random password (the old one stops working)");
  cli.add("year-logins",
          "Create the shared year-group logins (reception, year1..year6) that are missing",
          yearLogins);
}

void addSanctionCommands(PeopleCli& cli) {
  PeopleOptions& o = *cli.o;
  auto* sanction_cmd = cli.add(
      "sanction", "Deactivate an account, or restrict it to the school's allowed sites", sanction);
  sanction_cmd->add_option("who", o.who, "A pupil's UPN or a login")->required();
  sanction_cmd->add_flag("--deactivate", o.deactivate, "No access at all");
  sanction_cmd->add_flag("--restrict", o.restrict_, "Only the school's allowed sites");
  sanction_cmd->add_option("--until", o.until,
                           "The last day it applies, YYYY-MM-DD (default: until lifted)");
  sanction_cmd->add_option("--reason", o.reason, "Why (kept in the audit trail)")->required();

  auto* lift = cli.add("lift-sanction", "End a sanction early", liftSanction);
  lift->add_option("id", o.id, "The sanction's number")->required();
  lift->add_option("--reason", o.reason)->required();
}

}  // namespace

void addPeopleCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto* people = app.add_subcommand("people", "Pupils, staff, logins, parents and sanctions");
  people->require_subcommand(1);
  PeopleCli cli{people, global, std::make_shared<PeopleOptions>(), run};
  addPupilCommands(cli);
  addStaffCommands(cli);
  addSharedLoginCommands(cli);
  addSanctionCommands(cli);
}

}  // namespace esafety::app
