#include "identity/upn.h"

#include <fmt/format.h>

namespace esafety::identity {
namespace {

constexpr std::string_view kLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";  // no I, O, S

int valueOf(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  size_t at = kLetters.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::optional<char> upnCheckLetter(std::string_view last12) {
  if (last12.size() != 12) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 12; ++i) {
    char c = last12[i];
    if (i < 11 && !isDigit(c)) return std::nullopt;
    int v = valueOf(c);
    if (v < 0) return std::nullopt;
    sum += v * static_cast<int>(i + 2);
  }
  return kLetters[static_cast<size_t>(sum % 23)];
}

std::string normalizeUpn(std::string_view upn) {
  std::string out;
  for (char c : upn) {
    if (c == ' ' || c == '\t') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

Status checkUpn(std::string_view upn) {
  if (upn.empty()) return invalidArgument("a UPN is required");
  if (upn.size() != 13) {
    return invalidArgument(fmt::format("UPN '{}' is {} characters long, not 13", upn, upn.size()));
  }
  if (valueOf(upn[0]) < 0 || isDigit(upn[0])) {
    return invalidArgument(
        fmt::format("UPN '{}' must start with a check letter (A-Z without I, O and S)", upn));
  }
  for (size_t i = 1; i < 12; ++i) {
    if (!isDigit(upn[i])) {
      return invalidArgument(
          fmt::format("UPN '{}' must have digits in characters 2 to 12 (character {} is '{}')", upn,
                      i + 1, upn[i]));
    }
  }
  if (valueOf(upn[12]) < 0) {
    return invalidArgument(fmt::format(
        "UPN '{}' must end in a digit, or a letter for a temporary UPN (not I, O or S)", upn));
  }
  auto expected = upnCheckLetter(upn.substr(1));
  if (!expected || *expected != upn[0]) {
    return invalidArgument(fmt::format("UPN '{}' has the check letter {}, but its digits give {}",
                                       upn, upn[0], expected ? *expected : '?'));
  }
  return Status::ok();
}

}  // namespace esafety::identity
