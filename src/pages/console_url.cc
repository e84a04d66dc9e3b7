#include "pages/console_url.h"

namespace esafety::pages {
namespace {

bool isHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '[' || c == ']' || c == ':';
}

bool isPathChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
         c == '.' || c == '-' || c == '_' || c == '~' || c == '%';
}

// Splits a valid base into "scheme://authority" and the path; false if invalid.
bool splitBase(std::string_view base, std::string_view& origin, std::string_view& path) {
  size_t after_scheme;
  if (base.starts_with("https://")) {
    after_scheme = 8;
  } else if (base.starts_with("http://")) {
    after_scheme = 7;
  } else {
    return false;
  }
  size_t slash = base.find('/', after_scheme);
  std::string_view authority =
      base.substr(after_scheme,
                  slash == std::string_view::npos ? std::string_view::npos : slash - after_scheme);
  if (authority.empty() || authority.front() == ':') return false;
  for (char c : authority) {
    if (!isHostChar(c)) return false;
  }
  origin = base.substr(0, after_scheme + authority.size());
  path = slash == std::string_view::npos ? std::string_view() : base.substr(slash);
  for (char c : path) {
    if (!isPathChar(c)) return false;
  }
  return true;
}

}  // namespace

Status validateConsoleBase(std::string_view console_base) {
  std::string_view origin, path;
  if (!splitBase(console_base, origin, path)) {
    return invalidArgument(
        "console address must be an http:// or https:// URL such as "
        "https://esafety.school.internal:8080, with no query or fragment");
  }
  return Status::ok();
}

std::string consoleUrl(std::string_view console_base, std::string_view path) {
  std::string_view origin, base_path;
  if (!splitBase(console_base, origin, base_path)) return std::string(path);
  while (console_base.ends_with('/')) console_base.remove_suffix(1);
  return std::string(console_base) + std::string(path);
}

std::string consoleOrigin(std::string_view console_base) {
  std::string_view origin, path;
  if (!splitBase(console_base, origin, path)) return "";
  return std::string(origin);
}

}  // namespace esafety::pages
