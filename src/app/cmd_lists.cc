// esafety lists import PATH --reason WHY | remove ID --reason WHY | compile | show
//
// Adding and removing are control::ListAdmin's (the console's Lists page
// makes the same calls); this file turns the options into them and prints.
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "app/cli_common.h"
#include "classify/importers.h"
#include "control/list_admin.h"
#include "control/list_compiler.h"
#include "control/list_folders.h"
#include "core/config.h"

namespace esafety::app {
namespace {

struct ImportOptions {
  std::string path;
  std::string format = "auto";
  std::string category;
  std::string reason;
  std::string by;
};

// The list folders of <data>/esafety.toml's [lists] (control/list_folders.h).
Result<control::ListFolders> listFolders(const control::DataDir& dir) {
  auto config = loadServeConfig(dir.root + "/esafety.toml");
  if (!config) return config.status();
  return control::ListFolders::forDataDir(dir.root, config->lists);
}

int compileAndReport(store::Store& store, const control::DataDir& dir) {
  classify::ProblemList problems;
  ProgressPrinter progress;
  auto folders = listFolders(dir);
  if (!folders) return fail(folders.status());
  RealFileSystem real;
  control::ConfinedListFiles fs(real, *folders);
  auto report = control::compileLists(store, policy::kDefaultSchool, fs, dir.indexPath(),
                                      &progress, problems);
  progress.finish();
  size_t errors = printProblems(problems);
  if (!report) return fail(report.status());
  std::printf("Compiled %llu entries from %llu files (%llu lists) in %.1f s; index %.1f MB\n",
              static_cast<unsigned long long>(report->entries),
              static_cast<unsigned long long>(report->files),
              static_cast<unsigned long long>(report->sources), report->seconds,
              static_cast<double>(report->index_bytes) / 1e6);
  if (errors > 0) {
    std::printf("%zu lines were rejected; each is listed above as file:line and reason\n", errors);
  }
  for (const auto& name : report->new_categories) {
    std::printf("New category '%s' (named by a list); no group blocks it yet\n", name.c_str());
  }
  return kExitOk;
}

int runImport(const GlobalOptions& global, const ImportOptions& o) {
  auto format = classify::parseListFormat(o.format);
  if (!format) return fail(format.status());
  std::error_code ec;
  std::string path = std::filesystem::absolute(o.path, ec).lexically_normal().string();
  return withStore(global, [&](store::Store& store, const control::DataDir& dir, Clock&) {
    auto folders = listFolders(dir);
    if (!folders) return fail(folders.status());
    RealFileSystem real;
    control::ConfinedListFiles fs(real, *folders);
    control::ListAdmin lists(store, policy::kDefaultSchool, fs);
    auto added = lists.addList({.path = path, .format = *format, .category = o.category},
                               o.by.empty() ? defaultActor() : o.by, o.reason);
    if (!added) return fail(added.status());
    std::printf("Added list %lld: %s (%s%s)\n", static_cast<long long>(added->id),
                added->path.c_str(), added->format.c_str(),
                o.category.empty() ? "" : (", " + o.category).c_str());
    return compileAndReport(store, dir);
  });
}

struct RemoveOptions {
  int64_t id = 0;
  std::string reason;
  std::string by;
};

int runRemove(const GlobalOptions& global, const RemoveOptions& o) {
  return withStore(global, [&](store::Store& store, const control::DataDir& dir, Clock&) {
    RealFileSystem fs;  // removing reads no list
    control::ListAdmin lists(store, policy::kDefaultSchool, fs);
    auto removed = lists.removeList(o.id, o.by.empty() ? defaultActor() : o.by, o.reason);
    if (!removed) return fail(removed.status());
    std::printf("Removed list %lld: %s (the file itself is left where it is)\n",
                static_cast<long long>(o.id), removed->path.c_str());
    return compileAndReport(store, dir);
  });
}

int runCompile(const GlobalOptions& global) {
  return withStore(global, [](store::Store& store, const control::DataDir& dir, Clock&) {
    return compileAndReport(store, dir);
  });
}

int runShow(const GlobalOptions& global) {
  return withStore(global, [](store::Store& store, const control::DataDir&, Clock&) {
    auto sources = store.listSources(policy::kDefaultSchool);
    if (!sources) return fail(sources.status());
    std::printf("%-4s %-12s %-18s %10s %8s  %s\n", "id", "format", "category", "entries",
                "rejected", "path");
    for (const auto& s : *sources) {
      std::printf("%-4lld %-12s %-18s %10llu %8llu  %s\n", static_cast<long long>(s.id),
                  s.format.c_str(), s.category.empty() ? "(from list)" : s.category.c_str(),
                  static_cast<unsigned long long>(s.entries),
                  static_cast<unsigned long long>(s.rejected), s.path.c_str());
    }
    return kExitOk;
  });
}

}  // namespace

void addListsCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto* lists = app.add_subcommand("lists", "Category lists: import, remove, compile, show");
  lists->require_subcommand(1);

  auto* import = lists->add_subcommand("import", "Add a list file or folder and recompile");
  auto o = std::make_shared<ImportOptions>();
  import->add_option("path", o->path,
                     "A list file, or a squidGuard/UT1 folder, in one of the list folders "
                     "(esafety.toml [lists] folders; <data>/lists always)")
      ->required();
  import->add_option("--format", o->format,
                     "auto, squidguard, e2guardian, hosts, plain or adblock")
      ->capture_default_str();
  import->add_option("--category", o->category,
                     "The category for every entry (default: from the folder or #listcategory)");
  import->add_option("--reason", o->reason, "Why (kept in the audit trail)")->required();
  import->add_option("--by", o->by, "Who is adding it (default: your login name)");
  import->callback([&global, o, &run] { run = [&global, o] { return runImport(global, *o); }; });

  auto* remove = lists->add_subcommand("remove", "Stop using a list (by its id in `lists show`) and recompile");
  auto r = std::make_shared<RemoveOptions>();
  remove->add_option("id", r->id, "The list's id, as `esafety lists show` prints it")->required();
  remove->add_option("--reason", r->reason, "Why (kept in the audit trail)")->required();
  remove->add_option("--by", r->by, "Who is removing it (default: your login name)");
  remove->callback([&global, r, &run] { run = [&global, r] { return runRemove(global, *r); }; });

  auto* compile = lists->add_subcommand("compile", "Read every list again and rebuild the index");
  compile->callback([&global, &run] { run = [&global] { return runCompile(global); }; });

  auto* show = lists->add_subcommand("show", "The lists the index is built from");
  show->callback([&global, &run] { run = [&global] { return runShow(global); }; });
}

}  // namespace esafety::app
