#include "identity/pupil_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "core/text.h"
#include "identity/csv.h"
#include "identity/upn.h"
#include "identity/year_group.h"

namespace esafety::identity {
namespace {

enum Column { kName, kForename, kSurname, kUpn, kDob, kYear, kClass, kColumnCount };

constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "name", "forename", "surname", "UPN", "date of birth", "year group", "class"};

// Header spellings, lower-cased with spaces, underscores and dots removed.
std::optional<Column> columnFor(std::string_view header) {
  std::string h;
  for (char c : asciiLower(trim(header))) {
    if (c != ' ' && c != '_' && c != '.' && c != '-') h.push_back(c);
  }
  static const std::map<std::string, Column, std::less<>> kAliases = {
      {"name", kName},
      {"fullname", kName},
      {"pupilname", kName},
      {"pupil", kName},
      {"forename", kForename},
      {"firstname", kForename},
      {"legalforename", kForename},
      {"preferredforename", kForename},
      {"givenname", kForename},
      {"surname", kSurname},
      {"lastname", kSurname},
      {"legalsurname", kSurname},
      {"familyname", kSurname},
      {"preferredsurname", kSurname},
      {"upn", kUpn},
      {"uniquepupilnumber", kUpn},
      {"dob", kDob},
      {"dateofbirth", kDob},
      {"birthdate", kDob},
      {"year", kYear},
      {"yeargroup", kYear},
      {"ncyear", kYear},
      {"nationalcurriculumyear", kYear},
      {"yeartaughtin", kYear},
      {"class", kClass},
      {"classname", kClass},
      {"reggroup", kClass},
      {"registrationgroup", kClass},
      {"form", kClass},
      {"tutorgroup", kClass}};
  auto it = kAliases.find(h);
  if (it == kAliases.end()) return std::nullopt;
  return it->second;
}

bool isLeap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysIn(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

std::optional<int> number(std::string_view s, size_t min_digits, size_t max_digits) {
  if (s.size() < min_digits || s.size() > max_digits) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

// Text fields: UTF-8 as is; Latin-1 converted (with a warning); C1 control
// bytes after conversion mean the text was neither (an error).
struct TextField {
  std::string value;
  bool converted = false;
  bool garbled = false;   // Windows-1252 or other bytes that are not text
  bool controls = false;  // tabs, line breaks or other control characters
};

TextField readText(std::string_view raw) {
  TextField f;
  std::string_view t = trim(raw);
  f.value = toUtf8(t, &f.converted);
  if (f.converted) {
    for (unsigned char c : t) {
      if (c >= 0x80 && c <= 0x9f) f.garbled = true;  // Windows-1252 punctuation, not Latin-1
    }
  }
  for (unsigned char c : f.value) {
    if (c < 0x20 || c == 0x7f) f.controls = true;
  }
  return f;
}

}  // namespace

std::string ImportIssue::toString() const {
  std::string where = row == 0 ? "file" : fmt::format("row {}", row);
  if (!field.empty()) where += ", " + field;
  return fmt::format("{}: {}{}", where, isError() ? "" : "warning: ", message);
}

size_t ImportPreview::errors() const {
  return static_cast<size_t>(std::count_if(issues.begin(), issues.end(),
                                           [](const ImportIssue& i) { return i.isError(); }));
}

size_t ImportPreview::warnings() const {
  return issues.size() - errors();
}

std::vector<Person> ImportPreview::pupils() const {
  std::vector<Person> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r.pupil);
  return out;
}

Result<std::string> parseUkDate(std::string_view text) {
  text = trim(text);
  if (text.empty()) return invalidArgument("is empty");
  std::optional<int> d, m, y;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    y = number(text.substr(0, 4), 4, 4);
    m = number(text.substr(5, 2), 2, 2);
    d = number(text.substr(8, 2), 2, 2);
  } else {
    size_t a = text.find('/');
    size_t b = a == std::string_view::npos ? a : text.find('/', a + 1);
    if (b == std::string_view::npos) {
      return invalidArgument(fmt::format("'{}' is not a date: use DD/MM/YYYY", text));
    }
    d = number(text.substr(0, a), 1, 2);
    m = number(text.substr(a + 1, b - a - 1), 1, 2);
    y = number(text.substr(b + 1), 4, 4);
  }
  if (!d || !m || !y) {
    return invalidArgument(fmt::format("'{}' is not a date: use DD/MM/YYYY", text));
  }
  if (*m < 1 || *m > 12 || *d < 1 || *d > daysIn(*y, *m)) {
    return invalidArgument(fmt::format("'{}' is not a real date", text));
  }
  return fmt::format("{:04}-{:02}-{:02}", *y, *m, *d);
}

Result<ImportPreview> previewPupilImport(std::string_view text,
                                         const std::set<std::string>& existing_upns,
                                         const LocalTime& today) {
  auto records = parseCsv(text);
  if (!records) return records.status();
  ImportPreview p;
  auto issue = [&](int row, std::string field, std::string message, bool error = true) {
    p.issues.push_back({error ? ImportIssue::Severity::kError : ImportIssue::Severity::kWarning,
                        row, std::move(field), std::move(message)});
  };
  if (records->empty()) {
    issue(0, "", "the file is empty: export the pupils from the MIS with a header row");
    return p;
  }
  // The header.
  const CsvRecord& header = records->front();
  std::array<int, kColumnCount> at;
  at.fill(-1);
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = toUtf8(trim(header.fields[i]));
    p.columns.push_back(name);
    auto col = columnFor(name);
    if (!col) {
      if (!name.empty()) {
        issue(header.line, fmt::format("column {}", i + 1),
              fmt::format("the column '{}' is not used by the import", name), false);
      }
      continue;
    }
    if (at[*col] >= 0) {
      issue(header.line, fmt::format("column {}", i + 1),
            fmt::format("'{}' is the {} column again (already column {})", name, kColumnNames[*col],
                        at[*col] + 1));
      continue;
    }
    at[*col] = static_cast<int>(i);
  }
  std::string have;
  for (const auto& c : p.columns) have += (have.empty() ? "" : ", ") + c;
  auto missing = [&](std::string_view what) {
    issue(header.line, std::string(what),
          fmt::format("the required column '{}' is missing (the header has: {})", what, have));
  };
  bool split_name = at[kName] < 0 && (at[kForename] >= 0 || at[kSurname] >= 0);
  if (at[kName] < 0 && !split_name) missing("name");
  if (split_name && at[kForename] < 0) missing("forename");
  if (split_name && at[kSurname] < 0) missing("surname");
  if (at[kUpn] < 0) missing("UPN");
  if (at[kDob] < 0) missing("date of birth");
  if (at[kYear] < 0) missing("year group");
  if (at[kClass] < 0) missing("class");
  if (p.errors() > 0) return p;  // rows cannot be read without their columns

  const std::string today_text =
      fmt::format("{:04}-{:02}-{:02}", today.year, today.month, today.day);
  const std::string oldest = fmt::format("{:04}-01-01", today.year - 14);
  std::map<std::string, int> seen_upns;  // UPN -> first row
  for (size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& rec = (*records)[r];
    const size_t issues_before = p.errors();
    ImportRow row;
    row.row = rec.line;
    Person& pupil = row.pupil;
    pupil.kind = PersonKind::kPupil;
    pupil.role = Role::kPupil;
    if (!rec.error.empty()) issue(rec.line, "", rec.error);
    if (rec.fields.size() != header.fields.size()) {
      issue(
          rec.line, "",
          fmt::format("has {} fields; the header has {}", rec.fields.size(), header.fields.size()));
    }
    auto field = [&](Column c) -> std::string_view {
      int i = at[c];
      return i >= 0 && static_cast<size_t>(i) < rec.fields.size() ? std::string_view(rec.fields[i])
                                                                  : std::string_view();
    };
    auto text_field = [&](Column c) {
      TextField f = readText(field(c));
      if (f.garbled) {
        issue(rec.line, std::string(kColumnNames[c]),
              "holds bytes that are neither UTF-8 nor Latin-1 text; export the file as UTF-8");
      } else if (f.controls) {
        issue(rec.line, std::string(kColumnNames[c]),
              "holds a tab, a line break or another control character");
      } else if (f.converted) {
        p.converted_from_latin1 = true;
        issue(rec.line, std::string(kColumnNames[c]),
              fmt::format("was Latin-1 text, converted to UTF-8 as '{}'", f.value), false);
      }
      return f.value;
    };
    // Name.
    if (split_name) {
      std::string fore = text_field(kForename), sur = text_field(kSurname);
      if (fore.empty()) issue(rec.line, "forename", "is empty");
      if (sur.empty()) issue(rec.line, "surname", "is empty");
      pupil.name = fore + (fore.empty() || sur.empty() ? "" : " ") + sur;
    } else {
      pupil.name = text_field(kName);
      if (pupil.name.empty()) issue(rec.line, "name", "is empty");
    }
    if (pupil.name.size() > 128) issue(rec.line, "name", "is longer than 128 bytes");
    // UPN.
    pupil.upn = normalizeUpn(field(kUpn));
    if (Status s = checkUpn(pupil.upn); !s) {
      issue(rec.line, "UPN", pupil.upn.empty() ? "is empty" : s.message());
    } else if (auto first = seen_upns.find(pupil.upn); first != seen_upns.end()) {
      issue(
          rec.line, "UPN",
          fmt::format("{} is already on row {}: a pupil appears twice", pupil.upn, first->second));
    } else if (existing_upns.count(pupil.upn)) {
      issue(rec.line, "UPN", fmt::format("{} belongs to a pupil already imported", pupil.upn));
    }
    if (!pupil.upn.empty()) seen_upns.emplace(pupil.upn, rec.line);
    // Date of birth.
    auto dob = parseUkDate(field(kDob));
    if (!dob) {
      issue(rec.line, "date of birth", dob.status().message());
    } else if (*dob > today_text) {
      issue(rec.line, "date of birth", fmt::format("'{}' is in the future", trim(field(kDob))));
    } else if (*dob < oldest) {
      issue(rec.line, "date of birth",
            fmt::format("'{}' is too long ago for a primary pupil", trim(field(kDob))));
    } else {
      pupil.date_of_birth = *dob;
    }
    // Year group.
    auto year = parseYearGroup(field(kYear));
    if (!year) {
      issue(rec.line, "year group",
            fmt::format("'{}' is not Reception or Year 1 to Year 6", trim(field(kYear))));
    } else {
      pupil.year = *year;
    }
    pupil.class_name = text_field(kClass);
    if (pupil.class_name.size() > 64) issue(rec.line, "class", "is longer than 64 bytes");
    row.ok = p.errors() == issues_before;
    p.rows.push_back(std::move(row));
  }
  if (p.rows.empty()) issue(0, "", "the file has a header but no pupils");
  std::stable_sort(p.issues.begin(), p.issues.end(),
                   [](const ImportIssue& a, const ImportIssue& b) { return a.row < b.row; });
  return p;
}

}  // namespace esafety::identity
