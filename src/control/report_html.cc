#include "control/report_html.h"

#include <algorithm>

#include <fmt/format.h>

#include "identity/local_times.h"
#include "pages/html_escape.h"

namespace esafety::control {
namespace {

using pages::htmlEscape;

constexpr const char* kStyle = R"(
body { font: 11pt/1.4 system-ui, sans-serif; color: #222; margin: 2em auto; max-width: 60em; }
h1 { font-size: 20pt; margin-bottom: 0.2em; }
h2 { font-size: 14pt; border-bottom: 1px solid #999; margin-top: 1.5em; }
.meta { color: #555; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 0.6em; }
.figure { border: 1px solid #ccc; border-radius: 4px; padding: 0.5em; }
.figure b { display: block; font-size: 16pt; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; font-size: 10pt; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; }
.note { color: #555; font-size: 10pt; }
svg { display: block; margin: 0.5em 0; }
svg text { font: 9pt system-ui, sans-serif; fill: #222; }
@media print {
  body { margin: 0; max-width: none; }
  section.part { break-before: page; }
  table, svg, .figures { break-inside: avoid; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4; margin: 15mm; }
)";

bool isNumber(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789.-") == std::string::npos;
}

// Horizontal bars, one per row (at most 20), scaled to the largest value.
std::string barChart(const ReportTable& t) {
  if (t.chart_label < 0 || t.rows.empty()) return "";
  const size_t n = std::min<size_t>(t.rows.size(), 20);
  double top = 0;
  for (size_t i = 0; i < n; ++i) top = std::max(top, std::stod(t.rows[i][t.chart_value]));
  if (top <= 0) return "";
  constexpr int kLabel = 180, kBar = 420, kRow = 18;
  std::string svg = fmt::format(
      R"(<svg role="img" aria-label="{}" width="{}" height="{}" viewBox="0 0 {} {}">)",
      htmlEscape(t.title), kLabel + kBar + 60, n * kRow + 4, kLabel + kBar + 60, n * kRow + 4);
  for (size_t i = 0; i < n; ++i) {
    const auto& row = t.rows[i];
    const double value = std::stod(row[t.chart_value]);
    const int y = static_cast<int>(i) * kRow + 2;
    const int width = std::max(1, static_cast<int>(value / top * kBar));
    svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", kLabel - 6, y + 13,
                       htmlEscape(row[t.chart_label]));
    svg += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="#3b6ea5"/>)", kLabel, y,
                       width, kRow - 4);
    svg += fmt::format(R"(<text x="{}" y="{}">{}</text>)", kLabel + width + 4, y + 13,
                       htmlEscape(row[t.chart_value]));
  }
  return svg + "</svg>\n";
}

std::string tableHtml(const ReportTable& t) {
  std::string out = fmt::format("<section class=\"part\" id=\"{}\">\n<h2>{}</h2>\n", t.name,
                                htmlEscape(t.title));
  if (!t.note.empty()) out += fmt::format("<p class=\"note\">{}</p>\n", htmlEscape(t.note));
  if (t.rows.empty()) return out + "<p>None in this period.</p>\n</section>\n";
  out += barChart(t);
  out += "<table>\n<tr>";
  for (const auto& c : t.columns) out += fmt::format("<th>{}</th>", htmlEscape(c));
  out += "</tr>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (const auto& cell : row) {
      out += isNumber(cell) ? "<td class=\"n\">" : "<td>";
      out += htmlEscape(cell) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n</section>\n";
}

std::string figure(std::string_view label, const std::string& value) {
  return fmt::format("<div class=\"figure\"><b>{}</b>{}</div>", htmlEscape(value), label);
}

std::string keyFigures(const SchoolReport& r) {
  const AckTimes ack = acknowledgeTimes(r.alerts);
  int64_t escalated = 0, false_positives = 0, selftest_failures = 0;
  for (const auto& a : r.alerts) {
    if (a.escalation_steps > 0) ++escalated;
    if (a.alert.state == alerts::AlertState::kFalsePositive) ++false_positives;
  }
  for (const auto& run : r.selftests) selftest_failures += run.failures;
  std::string out = "<div class=\"figures\">";
  out += figure("requests", std::to_string(r.blocks.requests));
  out += figure("blocked", std::to_string(r.blocks.blocked));
  out += figure("alerts raised", std::to_string(r.alerts.size()));
  out += figure("escalated", std::to_string(escalated));
  // With nothing acknowledged there is no time to show, not "0 s".
  const bool acked = ack.acknowledged > 0;
  out += figure("median time to acknowledge", acked ? formatDuration(ack.median_s) : "–");
  out += figure("worst time to acknowledge", acked ? formatDuration(ack.worst_s) : "–");
  out += figure("false positives", std::to_string(false_positives));
  out += figure("self-test runs / failed checks",
                fmt::format("{} / {}", r.selftests.size(), selftest_failures));
  return out + "</div>\n";
}

}  // namespace

std::string reportHtml(const SchoolReport& report, const std::vector<ReportTable>& tables,
                       const Clock& clock) {
  const std::string title = fmt::format("E-safety report {} to {}", report.range.from_date,
                                        report.range.to_date);
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n"
      "<p class=\"meta\">{}. Made {} by esafety. {} audited changes in the period.</p>\n",
      htmlEscape(title), kStyle, htmlEscape(title), htmlEscape(report.school_name),
      identity::formatLocal(clock, report.generated_at), report.audit_rows);
  out += keyFigures(report);
  for (const auto& t : tables) out += tableHtml(t);
  return out + "</body>\n</html>\n";
}

}  // namespace esafety::control
