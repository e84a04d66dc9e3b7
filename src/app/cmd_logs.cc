// esafety logs [--from T] [--to T] [--client IP] [--group G] [--decision D]
//              [--category C] [--host H] [--user NAME] [--limit N]
//              [--format table|csv|json]
//
// Shows the filtering log (<data>/events.db), newest first. The table is for
// a teacher at a terminal; CSV (RFC 4180) is for a spreadsheet; JSON for
// scripts. Wrong filter values exit 2 with the reason; a log with nothing in
// it yet (or no log at all) is not an error: "No events match."
#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "app/cli_common.h"
#include "event_log/event_format.h"
#include "events/event_host.h"
#include "events/event_time.h"
#include "event_log/sqlite_event_store.h"

namespace esafety::app {
namespace {

struct LogsOptions {
  std::string from, to, client, group, decision, category, host, user;
  int64_t limit = 100;
  std::string format = "table";
};

constexpr int64_t kMaxLimit = 1000000;

size_t terminalWidth() {
  winsize size{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  if (const char* columns = std::getenv("COLUMNS")) {
    long n = std::strtol(columns, nullptr, 10);
    if (n >= 40 && n <= 1000) return static_cast<size_t>(n);
  }
  return 160;
}

bool isHostText(std::string_view host) {
  if (host.empty()) return false;
  for (char c : host) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
              c == '_' || c == ':';
    if (!ok) return false;
  }
  return true;
}

// Turns the options into a query; every error names the option and the fix.
Result<events::EventQuery> buildQuery(const LogsOptions& o) {
  events::EventQuery q;
  if (!o.from.empty()) {
    auto from = events::parseEventTime(o.from, events::DateOnly::kStartOfDay);
    if (!from) return invalidArgument("--from: " + from.status().message());
    q.from_ms = *from;
  }
  if (!o.to.empty()) {
    auto to = events::parseEventTime(o.to, events::DateOnly::kEndOfDay);
    if (!to) return invalidArgument("--to: " + to.status().message());
    q.to_ms = *to;
  }
  if (q.from_ms && q.to_ms && *q.from_ms >= *q.to_ms) {
    return invalidArgument(fmt::format("--from {} is not before --to {}", o.from, o.to));
  }
  if (!o.client.empty()) {
    events::Event parsed;
    if (!parsed.setClientIp(o.client)) {
      return invalidArgument(fmt::format(
          "--client '{}' is not an IP address (for example 10.0.0.23 or 2001:db8::23)", o.client));
    }
    q.client_ip = parsed.clientIpText();
  }
  if (!o.decision.empty() && !events::parseVerdict(o.decision, &q.verdict.emplace())) {
    return invalidArgument(
        fmt::format("--decision '{}' is not one of: allow, block, rewrite", o.decision));
  }
  if (!o.host.empty()) {
    std::string host = events::hostOfUrl(o.host);
    if (!isHostText(host)) {
      return invalidArgument(
          fmt::format("--host '{}' is not a host name (for example example.com, which also matches "
                      "www.example.com)",
                      o.host));
    }
    q.host = host;
  }
  if (o.limit < 1 || o.limit > kMaxLimit) {
    return invalidArgument(fmt::format("--limit must be between 1 and {}", kMaxLimit));
  }
  q.group = o.group;
  q.category = o.category;
  q.user = o.user;
  q.limit = o.limit;
  return q;
}

void printEmpty(const std::string& format) {
  if (format == "csv") {
    std::fputs(events::eventsCsv({}).c_str(), stdout);
  } else if (format == "json") {
    std::fputs(events::eventsJson({}).c_str(), stdout);
  }
  // Machine formats stay parseable; the words go to a person either way.
  std::fputs("No events match.\n", format == "table" ? stdout : stderr);
}

int runLogs(const GlobalOptions& global, const LogsOptions& o) {
  auto query = buildQuery(o);
  if (!query) return fail(query.status());

  const std::string path = events::eventsDatabasePath(global.data);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    printEmpty(o.format);  // nothing has been logged here yet
    return kExitOk;
  }
  SystemClock clock;
  events::SqliteEventStoreOptions options;
  options.read_only = true;
  auto store = events::SqliteEventStore::open(path, clock, options);
  if (!store) return fail(store.status());
  auto rows = (*store)->query(*query);
  if (!rows) return fail(rows.status());
  if (rows->empty()) {
    printEmpty(o.format);
    return kExitOk;
  }
  if (o.format == "csv") {
    std::fputs(events::eventsCsv(*rows).c_str(), stdout);
  } else if (o.format == "json") {
    std::fputs(events::eventsJson(*rows).c_str(), stdout);
  } else {
    std::fputs(events::eventsTable(*rows, terminalWidth()).c_str(), stdout);
    auto total = (*store)->count(*query);
    if (!total) return fail(total.status());
    if (*total > static_cast<int64_t>(rows->size())) {
      std::printf(
          "Showing the newest %zu of %lld matching events; use --limit, --from or --to "
          "to see others.\n",
          rows->size(), static_cast<long long>(*total));
    }
  }
  return kExitOk;
}

}  // namespace

void addLogsCommand(CLI::App& app, GlobalOptions& global, Runner& run) {
  auto* cmd =
      app.add_subcommand("logs", "Show the filtering log: who went where, and what was decided");
  auto o = std::make_shared<LogsOptions>();
  cmd->add_option("--from", o->from,
                  "From this local time: \"YYYY-MM-DD HH:MM\" or a date (from its start)");
  cmd->add_option("--to", o->to,
                  "Up to this local time: \"YYYY-MM-DD HH:MM\" or a date (to its end)");
  cmd->add_option("--client", o->client, "Only this device's IP address");
  cmd->add_option("--group", o->group, "Only this group, e.g. KS2");
  cmd->add_option("--decision", o->decision, "Only this decision: allow, block or rewrite");
  cmd->add_option("--category", o->category, "Only this category, e.g. games");
  cmd->add_option("--host", o->host, "Only this site and its subdomains, e.g. example.com");
  cmd->add_option("--user", o->user, "Only this pupil's or device's name");
  cmd->add_option("--limit", o->limit, "Show at most this many events")->capture_default_str();
  cmd->add_option("--format", o->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  cmd->callback([&global, o, &run] { run = [&global, o] { return runLogs(global, *o); }; });
}

}  // namespace esafety::app
