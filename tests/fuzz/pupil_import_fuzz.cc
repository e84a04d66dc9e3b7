// Fuzzes the MIS CSV import (src/identity/pupil_import.h): any bytes give a
// preview or an error, never a crash; every pupil of a clean preview passes
// the store's own checks, and every issue names a row within the file.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

#include "identity/pupil_import.h"
#include "store/validation.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace esafety;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  static const LocalTime kToday = LocalTime::parse("2026-03-03 09:00").value();
  auto preview = identity::previewPupilImport(input, {"G801200026001"}, kToday);
  if (!preview) return 0;
  int lines = 1;
  for (char c : input) lines += c == '\n' || c == '\r';
  for (const auto& issue : preview->issues) {
    if (issue.row < 0 || issue.row > lines) std::abort();
  }
  if (preview->errors() == 0) {
    for (const auto& pupil : preview->pupils()) {
      if (!store::validatePerson(pupil).isOk()) std::abort();
    }
  }
  return 0;
}
