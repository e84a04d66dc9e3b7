#include "control/report_table.h"

namespace esafety::control {

std::string csvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csvRecord(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csvField(fields[i]);
  }
  return out + "\r\n";
}

std::string tableCsv(const ReportTable& table) {
  std::string out = csvRecord(table.columns);
  for (const auto& row : table.rows) out += csvRecord(row);
  return out;
}

}  // namespace esafety::control
