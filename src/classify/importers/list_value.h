// Decides what one list entry is, from its text alone, the same way for every
// format:
//   "192.0.2.1", "192.0.2.0/24", "2001:db8::/32", "[2001:db8::1]"  -> kCidr
//   "example.com/games", "http://example.com/games"              -> kUrl, scheme removed
//   "example.com", "*.example.com", ".gov", "https://example.com/" -> kDomain
// The value keeps its spelling otherwise: the sink normalises hosts and paths.
//
//   auto value = parseListValue("*.example.com");
//   // value->kind == EntryKind::kDomain, value->text == "example.com"
//
// Pure functions, safe from any thread.
#pragma once

#include <string_view>

#include "classify/list_entry.h"
#include "core/status.h"

namespace esafety::classify::importers {

struct ListValue {
  EntryKind kind = EntryKind::kDomain;
  std::string_view text;  // a view into the input
};

// `raw` is one trimmed entry. Errors name what is wrong with it.
Result<ListValue> parseListValue(std::string_view raw);

// Cuts a trailing "# comment" and trims: "ads.example.com  # tracker" ->
// "ads.example.com". '#' cannot appear in a name, and a URL fragment never
// reaches a filter, so everything from the first '#' is a comment.
std::string_view stripInlineComment(std::string_view line);

// True when `text` has a space or tab inside it.
bool hasInnerSpace(std::string_view text);

}  // namespace esafety::classify::importers
