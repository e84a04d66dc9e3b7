#include "control/rota.h"

#include <charconv>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/text.h"
#include "identity/role.h"

namespace esafety::control {
namespace {

constexpr size_t kMaxRungs = 10;

Status refuse(std::string_view field, std::string_view what) {
  return invalidArgument(fmt::format("{}: {}", field, what));
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> splitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t from = 0;
  for (;;) {
    size_t at = s.find(sep, from);
    out.push_back(trimmed(s.substr(from, at == std::string_view::npos ? s.npos : at - from)));
    if (at == std::string_view::npos) return out;
    from = at + 1;
  }
}

// Roles that are staff: pupils, visitors and the local authority are never on a rota.
bool isStaffRole(identity::Role role) {
  return role != identity::Role::kPupil && role != identity::Role::kVisitor &&
         role != identity::Role::kLaAdmin;
}

Result<RotaEntry> parseEntry(std::string_view field, std::string_view text) {
  if (text.starts_with("role:")) {
    const std::string_view name = trimmed(text.substr(5));
    auto role = identity::parseRole(name);
    if (!role || !isStaffRole(*role)) {
      return refuse(field, fmt::format(
          "'{}' is not a staff role (dsl, deputy_dsl, head, teacher, it_admin, governor, office)",
          name));
    }
    return RotaEntry{RotaEntry::Kind::kRole, std::string(identity::roleName(*role))};
  }
  if (text.starts_with("person:")) {
    const std::string_view login = trimmed(text.substr(7));
    if (login.empty() || login.size() > 254 ||
        login.find_first_of(" ,\t\r\n") != std::string_view::npos) {
      return refuse(field, fmt::format("'{}' is not a login", login));
    }
    return RotaEntry{RotaEntry::Kind::kPerson, std::string(login)};
  }
  return refuse(field, fmt::format("'{}' is neither role:<role> nor person:<login>", text));
}

Result<std::vector<RotaEntry>> parseRungs(std::string_view field, std::string_view value) {
  std::vector<RotaEntry> rungs;
  if (trimmed(value).empty()) return refuse(field, "name at least one rung, such as role:dsl");
  for (std::string_view part : splitOn(value, ',')) {
    if (part.empty()) return refuse(field, "a rung is empty (two commas?)");
    auto entry = parseEntry(field, part);
    if (!entry) return entry.status();
    for (const RotaEntry& e : rungs) {
      if (e == *entry) return refuse(field, fmt::format("'{}' is on the rota twice", e.text()));
    }
    rungs.push_back(std::move(*entry));
  }
  if (rungs.size() > kMaxRungs) return refuse(field, fmt::format("at most {} rungs", kMaxRungs));
  return rungs;
}

Result<int> parseDay(std::string_view field, std::string_view name) {
  for (int d = 0; d < 7; ++d) {
    if (asciiLower(name) == asciiLower(weekdayName(d))) return d;
  }
  return refuse(field, fmt::format("'{}' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)", name));
}

Status parseDays(std::string_view field, std::string_view value, SchoolHours& hours) {
  std::array<bool, 7> days{};
  if (asciiLower(trimmed(value)) != "none") {
    for (std::string_view part : splitOn(value, ',')) {
      const size_t dash = part.find('-');
      auto first = parseDay(field, trimmed(part.substr(0, dash)));
      if (!first) return first.status();
      auto last = dash == std::string_view::npos ? first : parseDay(field, trimmed(part.substr(dash + 1)));
      if (!last) return last.status();
      if (*last < *first) return refuse(field, fmt::format("'{}' runs backwards", part));
      for (int d = *first; d <= *last; ++d) days[static_cast<size_t>(d)] = true;
    }
  }
  hours.days = days;
  return Status::ok();
}

Result<int> parseClock(std::string_view text) {
  int h = 0, m = 0;
  if (text.size() != 5 || text[2] != ':') return invalidArgument("");
  auto [p1, e1] = std::from_chars(text.data(), text.data() + 2, h);
  auto [p2, e2] = std::from_chars(text.data() + 3, text.data() + 5, m);
  if (e1 != std::errc() || e2 != std::errc() || p1 != text.data() + 2 || p2 != text.data() + 5 ||
      h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0)) {
    return invalidArgument("");
  }
  return h * 60 + m;
}

Status parseHours(std::string_view field, std::string_view value, SchoolHours& hours) {
  const std::string_view v = trimmed(value);
  const size_t dash = v.find('-');
  auto start = parseClock(trimmed(v.substr(0, dash)));
  auto end = dash == std::string_view::npos ? Result<int>(invalidArgument(""))
                                            : parseClock(trimmed(v.substr(dash + 1)));
  if (!start || !end) return refuse(field, fmt::format("'{}' is not HH:MM-HH:MM, such as 08:00-16:30", v));
  if (*end <= *start) return refuse(field, fmt::format("'{}' ends before it starts", v));
  hours.start_minute = *start;
  hours.end_minute = *end;
  return Status::ok();
}

Result<int> parseNumber(std::string_view field, std::string_view value, int low, int high) {
  const std::string_view v = trimmed(value);
  int n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n < low || n > high) {
    return refuse(field, fmt::format("give a whole number from {} to {}", low, high));
  }
  return n;
}

std::string rungsText(const std::vector<RotaEntry>& rungs) {
  std::string out;
  for (const RotaEntry& e : rungs) out += (out.empty() ? "" : ", ") + e.text();
  return out;
}

}  // namespace

std::string RotaEntry::text() const {
  return fmt::format("{}:{}", kind == Kind::kRole ? "role" : "person", name);
}

bool SchoolHours::contains(const LocalTime& t) const {
  if (t.weekday < 0 || t.weekday > 6 || !days[static_cast<size_t>(t.weekday)]) return false;
  const int minute = t.minuteOfDay();
  return minute >= start_minute && minute < end_minute;
}

std::string SchoolHours::daysText() const {
  std::string out;
  int d = 0;
  while (d < 7) {
    if (!days[static_cast<size_t>(d)]) {
      ++d;
      continue;
    }
    int last = d;
    while (last + 1 < 7 && days[static_cast<size_t>(last + 1)]) ++last;
    if (!out.empty()) out += ',';
    out += last - d >= 2 ? fmt::format("{}-{}", weekdayName(d), weekdayName(last))
                         : std::string(weekdayName(d));
    if (last - d == 1) out += fmt::format(",{}", weekdayName(last));
    d = last + 1;
  }
  return out.empty() ? "none" : out;
}

std::string SchoolHours::hoursText() const {
  return fmt::format("{:02}:{:02}-{:02}:{:02}", start_minute / 60, start_minute % 60,
                     end_minute / 60, end_minute % 60);
}

std::string_view rotaKindName(RotaKind kind) {
  return kind == RotaKind::kInHours ? "in_hours" : "out_of_hours";
}

std::vector<RotaEntry> Rota::defaultOrder() {
  using K = RotaEntry::Kind;
  return {{K::kRole, "dsl"}, {K::kRole, "deputy_dsl"}, {K::kRole, "head"}, {K::kRole, "governor"}};
}

Status applyRotaField(Rota& rota, std::string_view field, std::string_view value) {
  if (field == "in_hours" || field == "out_of_hours") {
    auto rungs = parseRungs(field, value);
    if (!rungs) return rungs.status();
    (field == "in_hours" ? rota.in_hours : rota.out_of_hours) = std::move(*rungs);
    return Status::ok();
  }
  if (field == "days") return parseDays(field, value, rota.hours);
  if (field == "hours") return parseHours(field, value, rota.hours);
  if (field == "ack_minutes_in_hours" || field == "ack_minutes_out_of_hours") {
    auto n = parseNumber(field, value, 1, 1440);
    if (!n) return n.status();
    (field == "ack_minutes_in_hours" ? rota.ack_minutes_in_hours : rota.ack_minutes_out_of_hours) = *n;
    return Status::ok();
  }
  if (field == "mail_level") {
    auto n = parseNumber(field, value, 1, 5);
    if (!n) return n.status();
    rota.mail_level = *n;
    return Status::ok();
  }
  if (field == "teachers_see_own_class") {
    if (value != "yes" && value != "no") {
      return invalidArgument(fmt::format("{}: '{}' is not yes or no", field, value));
    }
    rota.teachers_see_own_class = value == "yes";
    return Status::ok();
  }
  return invalidArgument(
      fmt::format("{}: not a rota field ({})", field, fmt::join(kRotaFields, ", ")));
}

std::string rotaFieldText(const Rota& rota, std::string_view field) {
  if (field == "in_hours") return rungsText(rota.in_hours);
  if (field == "out_of_hours") return rungsText(rota.out_of_hours);
  if (field == "days") return rota.hours.daysText();
  if (field == "hours") return rota.hours.hoursText();
  if (field == "ack_minutes_in_hours") return std::to_string(rota.ack_minutes_in_hours);
  if (field == "ack_minutes_out_of_hours") return std::to_string(rota.ack_minutes_out_of_hours);
  if (field == "mail_level") return std::to_string(rota.mail_level);
  if (field == "teachers_see_own_class") return rota.teachers_see_own_class ? "yes" : "no";
  return "";
}

Result<Rota> parseRota(std::string_view text) {
  Rota rota;
  int line_number = 0;
  for (std::string_view line : splitOn(text, '\n')) {
    ++line_number;
    if (line.empty() || line.front() == '#') continue;
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return invalidArgument(fmt::format("line {}: '{}' is not key = value", line_number, line));
    }
    Status applied = applyRotaField(rota, trimmed(line.substr(0, eq)), trimmed(line.substr(eq + 1)));
    if (!applied.isOk()) {
      return invalidArgument(fmt::format("line {}: {}", line_number, applied.message()));
    }
  }
  return rota;
}

std::string formatRota(const Rota& rota) {
  std::string out;
  for (std::string_view field : kRotaFields) {
    out += fmt::format("{} = {}\n", field, rotaFieldText(rota, field));
  }
  return out;
}

}  // namespace esafety::control
