// esafety backup FOLDER | restore FOLDER [--replace]
//
// The work is control/data_backup.h's; this file prints progress (a line per
// 10% of each database, pages of SQLite's 4 KiB) and what was done.
#include <cstdio>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "app/cli_common.h"
#include "control/data_backup.h"

namespace esafety::app {
namespace {

std::string absolutePath(const std::string& path) {
  std::error_code ec;
  return std::filesystem::absolute(path, ec).lexically_normal().string();
}

int runBackup(const GlobalOptions& global, const std::string& folder) {
  std::string last;
  int last_decile = -1;
  auto made = control::backupDataDir(
      control::DataDir{global.data}, absolutePath(folder),
      [&](std::string_view file, uint64_t done, uint64_t total) {
        int decile = total == 0 ? 10 : static_cast<int>(done * 10 / total);
        if (file == last && decile == last_decile) return;
        last = std::string(file);
        last_decile = decile;
        std::fprintf(stderr, "  backing up %s: %3d%%  (%llu of %llu pages)\n", last.c_str(),
                     decile * 10, static_cast<unsigned long long>(done),
                     static_cast<unsigned long long>(total));
      });
  if (!made) return fail(made.status());
  uint64_t bytes = 0;
  for (const auto& f : made->files) bytes += f.bytes;
  std::printf("Backed up %s into %s: %zu files, %.1f MB in %.1f s\n", global.data.c_str(),
              made->folder.c_str(), made->files.size(), static_cast<double>(bytes) / 1e6,
              made->seconds);
  for (const auto& f : made->files) {
    std::printf("  %-28s %12llu bytes\n", f.name.c_str(), static_cast<unsigned long long>(f.bytes));
  }
  std::printf("Keep it somewhere safe: it holds safeguarding records and the CA's private key.\n");
  const control::DataDir dir{global.data};
  if (std::filesystem::exists(dir.recordsKeyPath())) {
    std::printf(
        "The key file %s is needed too, and is not in this backup: the DSL's notes are sealed\n"
        "with it, and without it a restored backup cannot open them. Keep a copy of it apart\n"
        "from the backups (another encrypted disk, the school safe), once: it never changes.\n",
        dir.recordsKeyPath().c_str());
  }
  return kExitOk;
}

int runRestore(const GlobalOptions& global, const std::string& folder, bool replace) {
  auto restored = control::restoreDataDir(absolutePath(folder), control::DataDir{global.data},
                                          replace);
  if (!restored) return fail(restored.status());
  std::printf("Restored %s from %s (made %s from %s):\n", global.data.c_str(),
              absolutePath(folder).c_str(), restored->made_at.c_str(),
              restored->from_data.c_str());
  for (const auto& f : restored->files) {
    std::printf("  %-28s %12llu bytes\n", f.name.c_str(), static_cast<unsigned long long>(f.bytes));
  }
  if (restored->lists_moved > 0) {
    std::printf("%llu lists kept in the old data folder now point at this one\n",
                static_cast<unsigned long long>(restored->lists_moved));
  }
  const control::DataDir dir{global.data};
  if (!std::filesystem::exists(dir.recordsKeyPath())) {
    std::printf(
        "Put back the key file %s (mode 0600) from the copy kept apart from the backups:\n"
        "without it the sealed notes in this database cannot be read, and esafety refuses\n"
        "to start once the database holds them.\n",
        dir.recordsKeyPath().c_str());
  }
  std::printf("Start the server again: esafety serve --data %s\n", global.data.c_str());
  return kExitOk;
}

}  // namespace

void addBackupCommands(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto* backup = app.add_subcommand(
      "backup", "Copy the data (both databases, the CA, settings, lists) into a new folder; "
                "safe while esafety serve runs");
  auto folder = std::make_shared<std::string>();
  backup->add_option("folder", *folder, "A new (or empty) folder for the backup")->required();
  backup->callback([&global, folder, &run] {
    run = [&global, folder] { return runBackup(global, *folder); };
  });

  auto* restore = app.add_subcommand(
      "restore", "Put a backup back into --data (the server must be stopped)");
  auto from = std::make_shared<std::string>();
  auto replace = std::make_shared<bool>(false);
  restore->add_option("folder", *from, "A folder made by esafety backup")->required();
  restore->add_flag("--replace", *replace, "Replace the data folder's existing data");
  restore->callback([&global, from, replace, &run] {
    run = [&global, from, replace] { return runRestore(global, *from, *replace); };
  });
}

}  // namespace esafety::app
