// CSV as MIS exports write it (RFC 4180 and the ways Excel and SIMS bend it):
// comma-separated, fields optionally in double quotes with "" for a quote
// inside, quoted fields may hold commas and line breaks, CRLF or LF line
// ends, a UTF-8 byte order mark at the start. Blank lines are skipped.
//
//   auto records = parseCsv(text);
//   if (!records) return records.status();   // "line 7: a quoted field is never closed"
//   for (const CsvRecord& r : *records) use(r.line, r.fields);
//
// Bytes are passed through unchanged (the caller checks the text encoding,
// field by field, so it can name the field). Limits keep a wrong file (a
// spreadsheet saved as binary) from using up memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace esafety::identity {

struct CsvLimits {
  size_t max_bytes = 16 << 20;
  size_t max_records = 20000;
  size_t max_fields = 64;
  size_t max_field_bytes = 1024;
};

struct CsvRecord {
  int line = 0;  // where the record starts, from 1
  std::vector<std::string> fields;
  std::string error;  // a problem in this record only ("text after a closing quote"); may be empty
};

// kInvalidArgument for problems that spoil the whole file (too big, a quote
// never closed, too many records, binary content), naming the line.
Result<std::vector<CsvRecord>> parseCsv(std::string_view text, const CsvLimits& limits = {});

}  // namespace esafety::identity
