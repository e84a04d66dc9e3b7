#include "control/school_report.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace esafety::control {
namespace {

// The local day YYYY-MM-DD as days since 1970-01-01; nothing for a bad date.
std::optional<int64_t> parseDay(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  }
  auto number = [&](size_t at, size_t n) { return std::stoi(std::string(text.substr(at, n))); };
  const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  const int64_t days = daysFromCivil(y, m, d);
  // daysFromCivil counts 31 February on into March: a real date comes back.
  LocalTime back = LocalTime::fromLocalEpochSeconds(days * 86400);
  if (back.year != y || back.month != m || back.day != d) return std::nullopt;
  return days;
}

// Local time minus UTC, in seconds, now (the school's offset).
int64_t localOffset(const Clock& clock) {
  const LocalTime now = clock.localNow();
  const int64_t local = daysFromCivil(now.year, now.month, now.day) * 86400 +
                        now.minuteOfDay() * 60 + now.second;
  return local - clock.nowUnix();
}

void tell(const ReportProgress& progress, std::string_view step, int done, int total) {
  if (progress) progress(step, done, total);
}

}  // namespace

Result<ReportRange> parseReportRange(const Clock& clock, std::string_view from_date,
                                     std::string_view to_date) {
  auto from = parseDay(from_date);
  if (!from) {
    return invalidArgument(fmt::format("--from: '{}' is not a date like 2026-09-01", from_date));
  }
  auto to = parseDay(to_date);
  if (!to) return invalidArgument(fmt::format("--to: '{}' is not a date like 2026-12-18", to_date));
  if (*to < *from) {
    return invalidArgument(fmt::format("--to: {} is before --from {}", to_date, from_date));
  }
  const int64_t offset = localOffset(clock);
  return ReportRange{.from = *from * 86400 - offset,
                     .to = (*to + 1) * 86400 - offset,
                     .from_date = std::string(from_date),
                     .to_date = std::string(to_date)};
}

Result<SchoolReport> buildSchoolReport(store::Store& store, events::SqliteEventStore* events,
                                       policy::SchoolId school, const ReportRange& range,
                                       const Clock& clock, const ReportProgress& progress) {
  SchoolReport report;
  report.range = range;
  report.generated_at = clock.nowUnix();
  auto found = store.school(school);
  if (!found) return found.status();
  if (!found->has_value()) return notFound(fmt::format("school {} does not exist", school));
  report.school_name = (*found)->name;

  constexpr int kSteps = kReportSteps;
  tell(progress, "blocks", 0, kSteps);
  if (events != nullptr) {
    auto blocks = events::blocksByGroupAndCategory(*events, school, range.from * 1000,
                                                   range.to * 1000);
    if (!blocks) return blocks.status();
    report.blocks = std::move(*blocks);
  }
  tell(progress, "alerts", 1, kSteps);
  auto alerts = store.alertsCreatedBetween(school, range.from, range.to);
  if (!alerts) return alerts.status();
  report.alerts = std::move(*alerts);

  tell(progress, "audit", 2, kSteps);
  ESAFETY_RETURN_IF_ERROR(store.forEachAuditBetween(
      school, range.from, range.to, [&](const store::AuditEntry& e) {
        ++report.audit_rows;
        if (e.action.starts_with("local_entry.")) report.list_changes.push_back(e);
      }));

  tell(progress, "self-test", 3, kSteps);
  auto runs = store.selftestRuns(school, 1000, true);
  if (!runs) return runs.status();
  for (auto& run : *runs) {
    if (run.started_at >= range.from && run.started_at < range.to) {
      report.selftests.push_back(std::move(run));
    }
  }
  std::reverse(report.selftests.begin(), report.selftests.end());
  tell(progress, "figures", kSteps, kSteps);
  return report;
}

}  // namespace esafety::control
