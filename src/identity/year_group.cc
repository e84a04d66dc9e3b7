#include "identity/year_group.h"

#include "core/text.h"

namespace esafety::identity {

std::optional<int> parseYearGroup(std::string_view text) {
  std::string t;
  for (char c : asciiLower(trim(text))) {
    if (c != ' ') t.push_back(c);
  }
  if (t == "r" || t == "rec" || t == "reception" || t == "yr" || t == "yearr") return 0;
  std::string_view digits = t;
  for (std::string_view prefix : {"year", "yr", "y", "ncy"}) {
    if (digits.starts_with(prefix)) {
      digits.remove_prefix(prefix.size());
      break;
    }
  }
  if (digits.size() == 1 && digits[0] >= '1' && digits[0] <= '6') return digits[0] - '0';
  return std::nullopt;
}

std::string yearGroupName(int year) {
  if (year == 0) return "Reception";
  return "Year " + std::to_string(year);
}

std::string_view keyStageGroup(int year) {
  return year <= 2 ? "KS1" : "KS2";
}

std::string yearGroupLogin(int year) {
  return year == 0 ? "reception" : "year" + std::to_string(year);
}

}  // namespace esafety::identity
