// The termly report's figures on known data: time to acknowledge (median and
// worst, unacknowledged alerts apart), the false-positive rate per rule, the
// date range (bad dates refused naming the flag), RFC 4180 CSV and the page.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "control/report_figures.h"
#include "control/report_html.h"
#include "control/report_table.h"
#include "control/school_report.h"
#include "core/test_support.h"

namespace esafety::control {
namespace {

using ::testing::HasSubstr;

store::ReportAlert alertOf(std::string rule, int level, int64_t created, int64_t acted,
                           alerts::AlertState state = alerts::AlertState::kAcknowledged) {
  store::ReportAlert r;
  r.alert.rule = std::move(rule);
  r.alert.level = level;
  r.alert.created_at = created;
  r.alert.state = state;
  r.first_action_at = acted;
  return r;
}

std::vector<store::ReportAlert> knownAlerts() {
  using alerts::AlertState;
  return {alertOf("self-harm-search", 5, 1000, 1060),  // 60 s
          alertOf("self-harm-search", 4, 2000, 2600, AlertState::kFalsePositive),  // 600 s
          alertOf("self-harm-search", 5, 3000, 3030),  // 30 s
          alertOf("repeated-blocks", 3, 4000, 4120, AlertState::kFalsePositive),  // 120 s
          alertOf("self-harm-search", 5, 5000, 0, AlertState::kOpen)};  // not acknowledged
}

TEST(ReportFiguresTest, MedianAndWorstTimeToAcknowledgeLeaveOutAlertsNobodyActedOn) {
  const auto alerts = knownAlerts();
  AckTimes all = acknowledgeTimes(alerts);
  EXPECT_EQ(all.alerts, 5);
  EXPECT_EQ(all.acknowledged, 4);
  EXPECT_EQ(all.waiting, 1);
  EXPECT_EQ(all.median_s, 60);  // 30, 60, 120, 600: the lower middle
  EXPECT_EQ(all.worst_s, 600);

  AckTimes level5 = acknowledgeTimes(alerts, 5);
  EXPECT_EQ(level5.alerts, 3);
  EXPECT_EQ(level5.acknowledged, 2);
  EXPECT_EQ(level5.median_s, 30);
  EXPECT_EQ(level5.worst_s, 60);

  AckTimes none = acknowledgeTimes(alerts, 1);
  EXPECT_EQ(none.alerts, 0);
  EXPECT_EQ(none.median_s, 0);
}

TEST(ReportFiguresTest, FalsePositiveRateIsPerRuleOverTheAlertsItRaised) {
  auto rates = falsePositiveRates(knownAlerts());
  ASSERT_EQ(rates.size(), 2u);
  EXPECT_EQ(rates[0].rule, "self-harm-search");
  EXPECT_EQ(rates[0].alerts, 4);
  EXPECT_EQ(rates[0].false_positives, 1);
  EXPECT_DOUBLE_EQ(rates[0].rate(), 0.25);
  EXPECT_EQ(rates[1].rule, "repeated-blocks");
  EXPECT_DOUBLE_EQ(rates[1].rate(), 1.0);
}

TEST(ReportFiguresTest, DurationsReadForPeople) {
  EXPECT_EQ(formatDuration(45), "45 s");
  EXPECT_EQ(formatDuration(720), "12 min");
  EXPECT_EQ(formatDuration(3 * 3600 + 5 * 60), "3 h 05 min");
  EXPECT_EQ(formatDuration(52 * 3600), "2 d 4 h");
}

TEST(ReportRangeTest, DaysAreWholeLocalDaysBothIncluded) {
  FakeClock clock(LocalTime::parse("2026-12-07 18:00").value());
  clock.setUnix(daysFromCivil(2026, 12, 7) * 86400 + 18 * 3600);  // local time is UTC here
  auto range = parseReportRange(clock, "2026-09-01", "2026-09-02");
  ESAFETY_ASSERT_OK(range.status());
  EXPECT_EQ(range->from, daysFromCivil(2026, 9, 1) * 86400);
  EXPECT_EQ(range->to, daysFromCivil(2026, 9, 3) * 86400);
}

TEST(ReportRangeTest, BadDatesAreRefusedNamingTheFlag) {
  FakeClock clock(LocalTime::parse("2026-12-07 18:00").value());
  auto bad_from = parseReportRange(clock, "1 Sept", "2026-09-02");
  EXPECT_EQ(bad_from.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad_from.status().message(), HasSubstr("--from"));
  auto bad_to = parseReportRange(clock, "2026-09-01", "2026-02-30");
  EXPECT_THAT(bad_to.status().message(), HasSubstr("--to"));
  auto backwards = parseReportRange(clock, "2026-09-10", "2026-09-01");
  EXPECT_THAT(backwards.status().message(), HasSubstr("before --from"));
}

TEST(ReportTableTest, CsvQuotesFieldsTheRfc4180Way) {
  ReportTable t{.name = "x", .columns = {"entry", "reason"}};
  t.rows.push_back({"games.example", "Said \"fine\", then not"});
  t.rows.push_back({"a.example", "two\nlines"});
  EXPECT_EQ(tableCsv(t),
            "entry,reason\r\ngames.example,\"Said \"\"fine\"\", then not\"\r\n"
            "a.example,\"two\nlines\"\r\n");
}

TEST(ReportHtmlTest, PageIsSelfContainedWithPrintBreaksAndBarCharts) {
  FakeClock clock(LocalTime::parse("2026-12-07 18:00").value());
  SchoolReport report;
  report.range.from_date = "2026-09-01";
  report.range.to_date = "2026-12-18";
  report.school_name = "St <Mary's>";
  report.blocks.requests = 100;
  report.blocks.blocked = 7;
  report.blocks.rows = {{"KS2", "gambling", 5}, {"KS1", "adult", 2}};
  report.alerts = knownAlerts();
  const std::string html = reportHtml(report, reportTables(report, clock), clock);
  EXPECT_THAT(html, HasSubstr("@media print"));
  EXPECT_THAT(html, HasSubstr("break-before: page"));
  EXPECT_THAT(html, HasSubstr("St &lt;Mary&#39;s&gt;"));
  EXPECT_THAT(html, HasSubstr("<svg"));
  EXPECT_THAT(html, HasSubstr(">gambling</text>"));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
}

}  // namespace
}  // namespace esafety::control
