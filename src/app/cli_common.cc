#include "app/cli_common.h"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

namespace esafety::app {

int exitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition: return kExitBadInput;
    case StatusCode::kPermissionDenied: return kExitRefused;
    default: return kExitFailure;
  }
}

int fail(const Status& status) {
  std::fprintf(stderr, "esafety: %s\n", status.message().c_str());
  return exitCodeFor(status);
}

std::string defaultActor() {
  if (const char* sudo = std::getenv("SUDO_USER"); sudo && *sudo) return sudo;
  if (passwd* pw = getpwuid(getuid()); pw && pw->pw_name) return pw->pw_name;
  if (const char* user = std::getenv("USER"); user && *user) return user;
  return "admin";
}

size_t printProblems(const classify::ProblemList& problems) {
  for (const auto& p : problems.problems()) std::fprintf(stderr, "%s\n", p.toString().c_str());
  return problems.errors();
}

void ProgressPrinter::progress(std::string_view file, uint64_t done, uint64_t total) {
  if (total == 0) return;
  double now = std::chrono::duration<double>(
                   std::chrono::steady_clock::now().time_since_epoch()).count();
  int percent = static_cast<int>(done * 100 / total);
  bool tty = isatty(STDERR_FILENO);
  if (tty) {
    if (now - last_print_ < 0.2 && done < total) return;
    last_print_ = now;
    std::fprintf(stderr, "\r  reading lists: %3d%%  %.1f of %.1f MB  %.*s\033[K", percent,
                 static_cast<double>(done) / 1e6, static_cast<double>(total) / 1e6,
                 static_cast<int>(file.size()), file.data());
    printed_ = true;
  } else if (percent / 10 != last_decile_) {
    last_decile_ = percent / 10;
    std::fprintf(stderr, "  reading lists: %3d%%  %.1f of %.1f MB\n", percent,
                 static_cast<double>(done) / 1e6, static_cast<double>(total) / 1e6);
  }
}

void ProgressPrinter::finish() {
  if (printed_) std::fprintf(stderr, "\n");
  printed_ = false;
}

}  // namespace esafety::app
