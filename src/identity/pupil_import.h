// Importing pupils from a MIS CSV export, in two phases: preview, then commit.
//
// previewPupilImport() reads the file and checks every row against the file
// itself and the pupils already stored. It changes nothing. Each problem
// names the row (the file's line) and the field:
//   - wrong columns: a required column missing, a column twice, columns the
//     import does not use (a warning);
//   - duplicate pupils: the same UPN twice in the file, or a UPN already
//     stored;
//   - bad dates: not DD/MM/YYYY or YYYY-MM-DD, not a real day, in the future
//     or implausible for a primary pupil;
//   - UPNs that fail the DfE format or check letter (upn.h);
//   - year groups outside Reception..Year 6;
//   - text that is not UTF-8: read as Latin-1 (Windows exports), converted
//     and reported as a warning; bytes that are neither are an error.
// The caller commits (Store::importPupils, in one transaction) only when
// preview.errors() == 0, so a bad file imports nothing.
//
//   auto preview = previewPupilImport(text, existing_upns, clock.localNow());
//   if (!preview) return preview.status();    // not a CSV file at all
//   for (const ImportIssue& i : preview->issues) print(i.toString());
//   if (preview->errors() == 0) store.importPupils(school, preview->pupils(), actor);
//
// Columns are matched by header, case-insensitively, with the names SIMS,
// Arbor and Bromcom use: "Name" or "Forename"+"Surname" (also "Legal
// forename", "First name", "Last name"...), "UPN", "DOB"/"Date of birth",
// "Year"/"Year group"/"NC year", "Class"/"Reg group"/"Form".
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "identity/model.h"

namespace esafety::identity {

struct ImportIssue {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  int row = 0;        // the file's line; 1 is the header; 0 for the whole file
  std::string field;  // "UPN", "date of birth", ...; empty for the whole row
  std::string message;

  bool isError() const { return severity == Severity::kError; }
  // "row 4, date of birth: '31/02/2017' is not a real date"
  std::string toString() const;
};

struct ImportRow {
  int row = 0;
  Person pupil;    // kind kPupil, role kPupil; filled as far as the row allowed
  bool ok = true;  // no error on this row
};

struct ImportPreview {
  std::vector<std::string> columns;  // the header as read
  std::vector<ImportRow> rows;
  std::vector<ImportIssue> issues;  // in row order
  bool converted_from_latin1 = false;

  size_t errors() const;
  size_t warnings() const;
  // The pupils to import (all rows); only meaningful when errors() == 0.
  std::vector<Person> pupils() const;
};

// kInvalidArgument only when the text cannot be read as CSV at all (a quote
// never closed, binary data, too large); everything else is an issue.
// `existing_upns` holds the normalised UPNs already stored; `today` bounds
// dates of birth.
Result<ImportPreview> previewPupilImport(std::string_view text,
                                         const std::set<std::string>& existing_upns,
                                         const LocalTime& today);

// Parses "DD/MM/YYYY" (UK), "D/M/YYYY", or "YYYY-MM-DD" into "YYYY-MM-DD";
// kInvalidArgument saying why not.
Result<std::string> parseUkDate(std::string_view text);

}  // namespace esafety::identity
