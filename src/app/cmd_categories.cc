// esafety categories [show] | set <name> [--unoverridable BOOL] [--allow-list BOOL]
#include <cstdio>

#include <fmt/format.h>

#include "app/cli_common.h"
#include "control/policy_admin.h"

namespace esafety::app {
namespace {

struct CategoryOptions {
  std::string name;
  std::string unoverridable;
  std::string allow_list;
  std::string reason;
  std::string by;
};

int show(const GlobalOptions& global) {
  SystemClock clock;
  control::DataDir dir{global.data};
  auto store = control::openStore(dir, clock);
  if (!store) return fail(store.status());
  auto categories = (*store)->categories(policy::kDefaultSchool);
  if (!categories) return fail(categories.status());
  for (const auto& c : *categories) {
    std::printf("%-20s %-32s%s%s\n", c.name.c_str(), c.title.c_str(),
                c.unoverridable ? " [unoverridable]" : "", c.allow_list ? " [allow-list]" : "");
  }
  return kExitOk;
}

std::optional<bool> parseBool(const std::string& text) {
  if (text == "true" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "no" || text == "off") return false;
  return std::nullopt;
}

int set(const GlobalOptions& global, const CategoryOptions& o) {
  SystemClock clock;
  control::DataDir dir{global.data};
  auto store = control::openStore(dir, clock);
  if (!store) return fail(store.status());
  auto existing = (*store)->category(policy::kDefaultSchool, o.name);
  if (!existing) return fail(existing.status());
  if (!*existing) return fail(notFound(fmt::format("there is no category called '{}'", o.name)));
  bool unoverridable = (*existing)->unoverridable;
  bool allow_list = (*existing)->allow_list;
  if (!o.unoverridable.empty()) {
    auto v = parseBool(o.unoverridable);
    if (!v) return fail(invalidArgument("--unoverridable takes true or false"));
    unoverridable = *v;
  }
  if (!o.allow_list.empty()) {
    auto v = parseBool(o.allow_list);
    if (!v) return fail(invalidArgument("--allow-list takes true or false"));
    allow_list = *v;
  }
  control::PolicyAdmin admin(**store, policy::kDefaultSchool, dir.indexPath());
  Status s = admin.setCategoryFlags(o.name, unoverridable, allow_list,
                                    o.by.empty() ? defaultActor() : o.by, o.reason);
  if (!s.isOk()) return fail(s);
  std::printf("%s: unoverridable %s, allow-list %s\n", o.name.c_str(), unoverridable ? "yes" : "no",
              allow_list ? "yes" : "no");
  return kExitOk;
}

}  // namespace

void addCategoriesCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto* cmd = app.add_subcommand("categories", "The school's categories");
  auto o = std::make_shared<CategoryOptions>();
  cmd->callback([&global, &run, cmd] {
    if (cmd->get_subcommands().empty()) run = [&global] { return show(global); };
  });
  auto* show_cmd = cmd->add_subcommand("show", "List the categories");
  show_cmd->callback([&global, &run] { run = [&global] { return show(global); }; });
  auto* set_cmd = cmd->add_subcommand("set", "Change a category's flags");
  set_cmd->add_option("name", o->name)->required();
  set_cmd->add_option("--unoverridable", o->unoverridable, "true or false");
  set_cmd->add_option("--allow-list", o->allow_list, "true or false");
  set_cmd->add_option("--reason", o->reason, "Why")->required();
  set_cmd->add_option("--by", o->by, "Who (default: your login name)");
  set_cmd->callback([&global, o, &run] { run = [&global, o] { return set(global, *o); }; });
}

}  // namespace esafety::app
