#include "identity/csv.h"

#include <fmt/format.h>

#include "core/text.h"

namespace esafety::identity {

Result<std::vector<CsvRecord>> parseCsv(std::string_view text, const CsvLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return invalidArgument(
        fmt::format("the file is {} bytes; the limit is {} bytes", text.size(), limits.max_bytes));
  }
  text = stripBom(text);
  std::vector<CsvRecord> out;
  int line = 1;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    CsvRecord record;
    record.line = line;
    std::string field;
    bool record_done = false;
    bool any_content = false;
    while (!record_done) {
      field.clear();
      if (i < n && text[i] == '"') {
        any_content = true;
        int opened_at = line;
        ++i;
        for (;;) {
          if (i >= n) {
            return invalidArgument(fmt::format(
                "line {}: a quoted field is never closed (a \" is missing)", opened_at));
          }
          char c = text[i++];
          if (c == '"') {
            if (i < n && text[i] == '"') {
              field.push_back('"');
              ++i;
              continue;
            }
            break;
          }
          if (c == '\n') ++line;
          field.push_back(c);
        }
        // After the closing quote: a separator, the end of the line, or junk.
        size_t junk_start = i;
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') ++i;
        if (i > junk_start && record.error.empty()) {
          record.error =
              fmt::format("text after a closing quote in field {}", record.fields.size() + 1);
        }
      } else {
        while (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          field.push_back(text[i++]);
        }
        if (!field.empty()) any_content = true;
      }
      if (field.size() > limits.max_field_bytes) {
        return invalidArgument(fmt::format("line {}: field {} is longer than {} bytes", record.line,
                                           record.fields.size() + 1, limits.max_field_bytes));
      }
      if (field.find('\0') != std::string::npos) {
        return invalidArgument(fmt::format(
            "line {}: the file holds binary data; export it from the MIS as CSV", line));
      }
      record.fields.push_back(std::move(field));
      if (record.fields.size() > limits.max_fields) {
        return invalidArgument(
            fmt::format("line {}: more than {} fields", record.line, limits.max_fields));
      }
      if (i < n && text[i] == ',') {
        ++i;
        any_content = true;
        continue;
      }
      // End of the record: CRLF, LF, a lone CR, or the end of the text.
      if (i < n && text[i] == '\r') ++i;
      if (i < n && text[i] == '\n') ++i;
      ++line;
      record_done = true;
    }
    if (!any_content) continue;  // a blank line
    out.push_back(std::move(record));
    if (out.size() > limits.max_records) {
      return invalidArgument(fmt::format("the file has more than {} rows", limits.max_records));
    }
  }
  return out;
}

}  // namespace esafety::identity
