// Compiles a school's own allow and deny entries into a small category index
// (category 0 = deny, 1 = allow; line = 1 + entry index), so they match with
// exactly the same rules as list entries: subdomains, URL path prefixes, CIDR.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "classify/category_index.h"
#include "policy/model.h"

namespace esafety::policy {

inline constexpr classify::CategoryId kLocalDeny = 0;
inline constexpr classify::CategoryId kLocalAllow = 1;

// The entry kind a pattern is written as: CIDR for an IP or network, URL when
// it has a path, else a domain.
classify::EntryKind patternKind(std::string_view pattern);

// Checks that a pattern is something the filter can match, and returns it
// normalised ("HTTP://Example.com/Games/" -> "example.com/Games").
Result<std::string> normalizePattern(std::string_view pattern);

// Builds the matcher for one group from the entries that apply to it (its own
// and the school-wide ones). Entries that fail to compile are described in
// `warnings` and left out.
std::shared_ptr<const classify::CategoryIndex> compileLocalEntries(
    const std::vector<LocalEntry>& entries, std::string_view group,
    std::vector<std::string>& warnings);

}  // namespace esafety::policy
