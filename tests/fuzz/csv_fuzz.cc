// Fuzzes the MIS CSV reader itself (src/identity/csv.h), below the pupil
// import: any bytes give records or an error naming a line, never a crash,
// and every record keeps the reader's promises: a line within the file, in
// order, and no more fields or field bytes than the limits allow.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "identity/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace esafety::identity;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  CsvLimits limits;
  limits.max_records = 200;
  limits.max_fields = 8;
  limits.max_field_bytes = 64;
  auto records = parseCsv(input, limits);
  if (!records) {
    if (records.status().message().empty()) std::abort();
    return 0;
  }
  int lines = 1;
  for (char c : input) lines += c == '\n' || c == '\r';
  int last = 0;
  if (records->size() > limits.max_records) std::abort();
  for (const auto& r : *records) {
    if (r.line < 1 || r.line > lines || r.line < last) std::abort();
    last = r.line;
    if (r.fields.size() > limits.max_fields) std::abort();
    for (const auto& f : r.fields) {
      if (f.size() > limits.max_field_bytes) std::abort();
    }
  }
  return 0;
}
