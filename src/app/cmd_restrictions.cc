// esafety devices pause|restrict|release|restrictions
//
// A teacher's hold on a device for a lesson (the live class view's buttons,
// for the command line): pause its internet, restrict it to an allow-list,
// end that, and list the restrictions in force. Each change needs a reason
// and is audited; it ends by itself after --minutes (default 60). A running
// `esafety serve` picks a change made here up within about a second (it
// polls the store's restriction generation). The changes are
// control::DeviceRestrictions', as on the console.
#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli_common.h"
#include "control/device_restrictions.h"
#include "control/restriction_json.h"
#include "identity/local_times.h"

namespace esafety::app {
namespace {

using control::DeviceRestrictions;

struct RestrictionOptions {
  control::RestrictionChange change;
  std::string format = "table";
};

template <typename Fn>
int withRestrictions(const GlobalOptions& global, Fn&& fn) {
  return withStore(global, [&](store::Store& store, const control::DataDir&, Clock& clock) {
    DeviceRestrictions rs(store, policy::kDefaultSchool, clock);
    return fn(rs, clock);
  });
}

std::string describe(const store::RestrictionRecord& r, const Clock& clock) {
  std::string what = "paused";
  if (r.rule.kind == policy::RestrictionKind::kAllowList) {
    what = "only";
    for (const auto& e : r.rule.allow) what += " " + policy::allowEntryText(e);
  }
  return fmt::format("{} until {}", what, identity::formatLocal(clock, r.rule.until).substr(11));
}

int change(const GlobalOptions& global, RestrictionOptions o, bool pause) {
  if (o.change.actor.empty()) o.change.actor = defaultActor();
  return withRestrictions(global, [&](DeviceRestrictions& rs, const Clock& clock) {
    auto made = pause ? rs.pause(o.change) : rs.restrict(o.change);
    if (!made) return fail(made.status());
    std::printf("%s: %s.\n", made->device_name.c_str(), describe(*made, clock).c_str());
    return kExitOk;
  });
}

int list(const GlobalOptions& global, const RestrictionOptions& o) {
  return withRestrictions(global, [&](DeviceRestrictions& rs, const Clock& clock) {
    auto active = rs.active();
    if (!active) return fail(active.status());
    if (o.format == "json") {
      nlohmann::json j = nlohmann::json::array();
      for (const auto& r : *active) j.push_back(control::restrictionJson(r));
      std::printf("%s\n", j.dump(2).c_str());
      return kExitOk;
    }
    std::printf("%-30s %-14s %-40s %-24s %s\n", "Device", "Room", "Restriction", "By", "Reason");
    for (const auto& r : *active) {
      std::printf("%-30s %-14s %-40s %-24s %s\n", r.device_name.c_str(), r.room.c_str(),
                  describe(r, clock).c_str(), r.by.c_str(), r.reason.c_str());
    }
    return kExitOk;
  });
}

void changeOptions(CLI::App* cmd, RestrictionOptions& o) {
  cmd->add_option("device", o.change.device, "Its name or IP address")->required();
  cmd->add_option("--reason", o.change.reason, "Why (kept in the audit log)")->required();
  cmd->add_option("--minutes", o.change.minutes, "When it ends by itself, in minutes (1..600)")
      ->capture_default_str();
  cmd->add_option("--by", o.change.actor, "Who is making the change (default: your login name)");
}

}  // namespace

void addDeviceRestrictionCommands(CLI::App& devices, GlobalOptions& global, Runner& run) {
  auto o = std::make_shared<RestrictionOptions>();

  auto* pause = devices.add_subcommand("pause", "Pause a device's internet for a lesson");
  changeOptions(pause, *o);
  pause->callback([&global, o, &run] { run = [&global, o] { return change(global, *o, true); }; });

  auto* restrict = devices.add_subcommand("restrict", "Let a device reach only the lesson's sites");
  changeOptions(restrict, *o);
  restrict->add_option("--allow", o->change.allow, "The sites: \"bbc.co.uk/bitesize, spellingframe.co.uk\"")
      ->required();
  restrict->callback([&global, o, &run] { run = [&global, o] { return change(global, *o, false); }; });

  auto* release = devices.add_subcommand("release", "End a device's pause or allow-list");
  release->add_option("device", o->change.device, "Its name or IP address")->required();
  release->add_option("--reason", o->change.reason, "Why (kept in the audit log)")->required();
  release->add_option("--by", o->change.actor, "Who is making the change (default: your login name)");
  release->callback([&global, o, &run] {
    run = [&global, o] {
      const std::string actor = o->change.actor.empty() ? defaultActor() : o->change.actor;
      return withRestrictions(global, [&](DeviceRestrictions& rs, const Clock&) {
        Status s = rs.release(o->change.device, actor, o->change.reason);
        if (!s.isOk()) return fail(s);
        std::printf("%s may use the internet again.\n", o->change.device.c_str());
        return kExitOk;
      });
    };
  });

  auto* listed = devices.add_subcommand("restrictions", "The pauses and allow-lists in force");
  listed->add_option("--format", o->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  listed->callback([&global, o, &run] { run = [&global, o] { return list(global, *o); }; });
}

}  // namespace esafety::app
