#include "classify/importers/list_value.h"

#include "classify/importers/ip_literal.h"
#include "core/text.h"

namespace esafety::classify::importers {
namespace {

bool startsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace

bool hasInnerSpace(std::string_view text) {
  return text.find_first_of(" \t") != std::string_view::npos;
}

std::string_view stripInlineComment(std::string_view line) {
  return trim(line.substr(0, line.find('#')));
}

Result<ListValue> parseListValue(std::string_view raw) {
  if (hasInnerSpace(raw)) {
    return invalidArgument("several words on one line: expected one name, URL or address");
  }
  std::string_view text = raw;
  if (startsWithNoCase(text, "http://")) {
    text.remove_prefix(7);
  } else if (startsWithNoCase(text, "https://")) {
    text.remove_prefix(8);
  } else if (text.find("://") != std::string_view::npos) {
    return invalidArgument("only http:// and https:// URLs can be filtered");
  }
  if (text.starts_with("*.")) {
    text.remove_prefix(2);
  } else if (text.starts_with('.')) {
    text.remove_prefix(1);  // e2guardian ".gov": the name and everything under it
  }
  if (text.empty()) return invalidArgument("no name in the entry");

  if (text.size() > 2 && text.front() == '[' && text.back() == ']' &&
      isIpv6Literal(text.substr(1, text.size() - 2))) {
    return ListValue{EntryKind::kCidr, text.substr(1, text.size() - 2)};
  }
  if (isIpOrCidr(text)) return ListValue{EntryKind::kCidr, text};

  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return ListValue{EntryKind::kDomain, text};
  if (slash == 0) return invalidArgument("no host before the path");
  // "example.com/" names the whole site.
  if (slash + 1 == text.size()) return ListValue{EntryKind::kDomain, text.substr(0, slash)};
  return ListValue{EntryKind::kUrl, text};
}

}  // namespace esafety::classify::importers
