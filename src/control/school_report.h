// SchoolReport: a termly report for the governors and the DfE standards
// (issue 14, item 5), over a date range, from the stores:
//   - blocks by group and category (event_log/event_report.h: SQLite counts
//     them as it reads, so a term's millions of events are never in memory);
//   - alerts raised in the range, by level and category; time to
//     acknowledge (median and worst); escalations; false positives per rule
//     (control/report_figures.h);
//   - local allow and deny changes in the range with their reasons (from the
//     audit trail, read row by row);
//   - the filter self-test runs in the range.
// reportTables() turns it into the tables the HTML page and the CSVs share.
//
//   auto report = buildSchoolReport(store, &events, school, range, clock, progress);
//   for (const ReportTable& t : reportTables(*report, clock)) write(t);
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "control/report_figures.h"
#include "control/report_table.h"
#include "core/clock.h"
#include "event_log/event_report.h"
#include "event_log/sqlite_event_store.h"
#include "store/store.h"

namespace esafety::control {

// [from, to) in Unix seconds; the texts are the dates as asked for.
struct ReportRange {
  int64_t from = 0;
  int64_t to = 0;
  std::string from_date;  // "2026-09-01"
  std::string to_date;    // "2026-12-18", the last day included
};

// The range from the first day to the last, both included, in the school's
// local time (the Clock's). kInvalidArgument naming the flag for a date that
// is not YYYY-MM-DD or a --to before --from. The Clock gives only today's
// offset from UTC, so a day across a clock change (a term from September,
// reported in December) starts an hour off at that end.
Result<ReportRange> parseReportRange(const Clock& clock, std::string_view from_date,
                                     std::string_view to_date);

// Progress for long work: a step's name and how far it is (0..total).
using ReportProgress = std::function<void(std::string_view step, int done, int total)>;
// buildSchoolReport()'s steps: "blocks", "alerts", "audit", "self-test", then
// "figures" at kReportSteps of kReportSteps.
inline constexpr int kReportSteps = 4;

struct SchoolReport {
  ReportRange range;
  std::string school_name;
  int64_t generated_at = 0;
  events::BlockFigures blocks;
  std::vector<store::ReportAlert> alerts;  // created in the range, oldest first
  std::vector<store::AuditEntry> list_changes;  // local_entry.* rows in the range
  int64_t audit_rows = 0;                       // every audit row in the range
  std::vector<store::SelftestRun> selftests;    // started in the range, oldest first
};

// `events` may be null (no event log yet): the block figures are then zero.
Result<SchoolReport> buildSchoolReport(store::Store& store, events::SqliteEventStore* events,
                                       policy::SchoolId school, const ReportRange& range,
                                       const Clock& clock, const ReportProgress& progress);

// The report's tables, in the order the page shows them.
std::vector<ReportTable> reportTables(const SchoolReport& report, const Clock& clock);

}  // namespace esafety::control
