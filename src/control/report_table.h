// One table of a termly report: the HTML page shows it and the evidence pack
// holds it as <name>.csv, from the same rows, so the two never disagree.
//
//   ReportTable t{.name = "blocks-by-category", .title = "Blocks by category",
//                 .columns = {"category", "blocked"}};
//   t.rows.push_back({"gambling", "12"});
//   std::string csv = tableCsv(t);   // RFC 4180: CRLF lines, quoted when needed
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace esafety::control {

struct ReportTable {
  std::string name;   // the CSV file's stem: "blocks-by-category"
  std::string title;  // "Blocks by category"
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::string note;   // what the figures mean, printed under the title
  // The columns an SVG bar chart draws (label, value); -1: no chart.
  int chart_label = -1;
  int chart_value = -1;
};

// RFC 4180: a field holding a comma, a quote, CR or LF is quoted, with its
// quotes doubled; records end in CRLF; the header row comes first.
std::string csvField(std::string_view value);
// One record: the fields quoted as needed, comma-separated, ending in CRLF.
std::string csvRecord(const std::vector<std::string>& fields);
std::string tableCsv(const ReportTable& table);

}  // namespace esafety::control
