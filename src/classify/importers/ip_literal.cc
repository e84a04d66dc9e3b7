#include "classify/importers/ip_literal.h"

namespace esafety::classify::importers {
namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isHexDigit(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// A decimal number of 1..3 digits, at most `max`.
bool isSmallDecimal(std::string_view s, int max) {
  if (s.empty() || s.size() > 3) return false;
  int value = 0;
  for (char c : s) {
    if (!isDigit(c)) return false;
    value = value * 10 + (c - '0');
  }
  return value <= max;
}

}  // namespace

bool isIpv4Literal(std::string_view text) {
  for (int part = 0; part < 4; ++part) {
    size_t dot = text.find('.');
    if ((dot == std::string_view::npos) != (part == 3)) return false;
    if (!isSmallDecimal(text.substr(0, dot), 255)) return false;
    if (part < 3) text.remove_prefix(dot + 1);
  }
  return true;
}

bool isIpv6Literal(std::string_view text) {
  if (text.size() < 2 || text.size() > 45) return false;
  int groups = 0;
  bool compressed = false;
  size_t i = 0;
  if (text.starts_with("::")) {
    compressed = true;
    i = 2;
    if (i == text.size()) return true;
  } else if (text.front() == ':') {
    return false;
  }
  while (i < text.size()) {
    size_t end = i;
    while (end < text.size() && isHexDigit(text[end])) ++end;
    if (end < text.size() && text[end] == '.') {
      // A trailing dotted quad stands for the last two groups.
      if (!isIpv4Literal(text.substr(i))) return false;
      groups += 2;
      break;
    }
    if (end == i || end - i > 4) return false;
    ++groups;
    if (end == text.size()) break;
    if (text[end] != ':') return false;
    if (end + 1 < text.size() && text[end + 1] == ':') {
      if (compressed) return false;
      compressed = true;
      i = end + 2;
      if (i == text.size()) break;
    } else {
      i = end + 1;
      if (i == text.size()) return false;  // a single trailing ':'
    }
  }
  return compressed ? groups <= 7 : groups == 8;
}

bool isIpOrCidr(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return isIpLiteral(text);
  std::string_view address = text.substr(0, slash);
  std::string_view prefix = text.substr(slash + 1);
  if (isIpv4Literal(address)) return isSmallDecimal(prefix, 32);
  if (isIpv6Literal(address)) return isSmallDecimal(prefix, 128);
  return false;
}

}  // namespace esafety::classify::importers
