// esafety alerts rota                          the rota, hours and times in force, with warnings
// esafety alerts rota --set FIELD=VALUE ... --reason TEXT [--by NAME]
//
// Who an alert reaches and when (issue 14): every call is
// control::AlertRotaAdmin's, as on the console's Alerts page. Fields (see
// control/rota.h): in_hours, out_of_hours ("role:dsl, role:deputy_dsl,
// person:chair@school.example"), days ("Mon-Fri"), hours ("08:00-16:30"),
// ack_minutes_in_hours, ack_minutes_out_of_hours, mail_level, teachers_see_own_class.
//
//   esafety alerts rota --set hours=08:30-15:30 --set ack_minutes_in_hours=10
//       --reason "Shorter day this term"    (one command line)
#include <fmt/format.h>

#include <cstdio>

#include "app/cli_common.h"
#include "control/alert_rota.h"
#include "identity/local_times.h"

namespace esafety::app {
namespace {

struct RotaOptions {
  std::vector<std::string> sets;
  std::string reason, by;
};

int show(const GlobalOptions& global) {
  return withStore(global, [&](store::Store& store, const control::DataDir&, Clock& clock) {
    control::AlertRotaAdmin admin(store, policy::kDefaultSchool, clock);
    auto view = admin.view();
    if (!view) return fail(view.status());
    if (view->version == 0) {
      std::printf("# the defaults (the policy's order); no rota has been set\n");
    } else {
      std::printf("# version %lld, set %s by %s: %s\n", static_cast<long long>(view->version),
                  identity::formatLocal(clock, view->set_at).c_str(), view->set_by.c_str(),
                  view->reason.c_str());
    }
    std::fputs(control::formatRota(view->rota).c_str(), stdout);
    for (const auto& w : view->warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    return kExitOk;
  });
}

int set(const GlobalOptions& global, const RotaOptions& o) {
  std::vector<control::SettingChange> changes;
  for (const std::string& s : o.sets) {
    const size_t eq = s.find('=');
    if (eq == std::string::npos) {
      return fail(invalidArgument(fmt::format("--set '{}': give FIELD=VALUE, such as hours=08:00-16:30", s)));
    }
    changes.push_back({s.substr(0, eq), s.substr(eq + 1)});
  }
  return withStore(global, [&](store::Store& store, const control::DataDir&, Clock& clock) {
    control::AlertRotaAdmin admin(store, policy::kDefaultSchool, clock);
    auto version = admin.change(changes, o.by.empty() ? defaultActor() : o.by, o.reason);
    if (!version) return fail(version.status());
    std::printf("Alert rota version %lld is in force (a running esafety serve uses it at its next pass).\n",
                static_cast<long long>(*version));
    return kExitOk;
  });
}

}  // namespace

void addAlertsRotaCommand(CLI::App& alerts, GlobalOptions& global, Runner& run) {
  auto o = std::make_shared<RotaOptions>();
  auto* rota = alerts.add_subcommand(
      "rota", "Who an alert reaches and when: the rota in and out of school hours, the hours, the "
              "minutes to acknowledge, the level that mails");
  rota->add_option("--set", o->sets, "FIELD=VALUE (in_hours, out_of_hours, days, hours, "
                                     "ack_minutes_in_hours, ack_minutes_out_of_hours, mail_level, "
                                     "teachers_see_own_class)");
  rota->add_option("--reason", o->reason, "Why the rota changes (audited; required with --set)");
  rota->add_option("--by", o->by, "Who is changing it (default: your login name)");
  rota->callback([&global, o, &run] {
    run = [&global, o] { return o->sets.empty() ? show(global) : set(global, *o); };
  });
}

}  // namespace esafety::app
