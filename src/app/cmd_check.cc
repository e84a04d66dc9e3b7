// esafety check <url-or-host> --group G [--time "YYYY-MM-DD HH:MM"] [--json]
#include <cstdio>

#include <fmt/format.h>

#include "app/cli_common.h"
#include "control/snapshot_loader.h"
#include "policy/explanation.h"

namespace esafety::app {
namespace {

struct CheckOptions {
  std::string target;
  std::string group;
  std::string time;
  bool json = false;
};

int runCheck(const GlobalOptions& global, const CheckOptions& o) {
  // Input errors first: they need no data.
  auto url = classify::normalizeUrl(o.target);
  if (!url) {
    return fail(invalidArgument(fmt::format("'{}' is not a URL or host name: {}", o.target,
                                            url.status().message())));
  }
  SystemClock clock;
  LocalTime when = clock.localNow();
  if (!o.time.empty()) {
    auto parsed = LocalTime::parse(o.time);
    if (!parsed) return fail(parsed.status());
    when = *parsed;
  }
  control::DataDir dir{global.data};
  auto store = control::openStore(dir, clock);
  if (!store) return fail(store.status());
  auto snapshot = control::loadSnapshot(**store, policy::kDefaultSchool, dir.indexPath());
  if (!snapshot) return fail(snapshot.status());
  const policy::GroupPolicy* group = (*snapshot)->group(o.group);
  if (group == nullptr) {
    std::string names;
    for (const auto& g : (*snapshot)->groups()) names += (names.empty() ? "" : ", ") + g.config.name;
    return fail(invalidArgument(fmt::format("there is no group called '{}'; the groups are: {}",
                                            o.group, names)));
  }
  // A bare host is decided as a CONNECT or DNS request would be; anything
  // with a scheme or a path as a web request.
  bool bare_host = url->scheme.empty() && url->path.empty();
  policy::Target target =
      bare_host ? policy::Target::forHost(url->host) : policy::Target::forUrl(*url);
  policy::DecisionScratch scratch;
  policy::Decision d = (*snapshot)->decide(*group, target, when, {}, scratch);
  policy::Explanation e = policy::explain(**snapshot, *group, target, when, d, scratch);
  std::fputs(o.json ? (e.toJson() + "\n").c_str() : e.toText().c_str(), stdout);
  return kExitOk;
}

}  // namespace

void addCheckCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto* cmd = app.add_subcommand(
      "check", "Say whether a group may reach a URL or host, and explain why");
  auto o = std::make_shared<CheckOptions>();
  cmd->add_option("url-or-host", o->target, "e.g. http://example.com/page or example.com")
      ->required();
  cmd->add_option("--group", o->group, "The group to decide for, e.g. KS1")->required();
  cmd->add_option("--time", o->time, "Decide as at this local time: \"YYYY-MM-DD HH:MM\"");
  cmd->add_flag("--json", o->json, "Print the decision as JSON");
  cmd->callback([&global, o, &run] { run = [&global, o] { return runCheck(global, *o); }; });
}

}  // namespace esafety::app
