// The termly report as one printable, self-contained HTML page: inline CSS
// (with @media print and a page break before each part), the key figures,
// and each table with, where it has one, an SVG bar chart drawn here. No
// script, no outside file: it prints to PDF the same from any browser.
// Every name and reason in it goes through pages::htmlEscape.
//
//   std::string html = reportHtml(report, reportTables(report, clock), clock);
#pragma once

#include <string>
#include <vector>

#include "control/report_table.h"
#include "control/school_report.h"

namespace esafety::control {

std::string reportHtml(const SchoolReport& report, const std::vector<ReportTable>& tables,
                       const Clock& clock);

}  // namespace esafety::control
