// The syntax of one phrase-list line, apart from what a line means in its
// file (see phrase_lists.h):
//   <a>,< b >,<c d><-25>   phrases separated by ',' then an optional weight
//   <content="RTA-...">    any bytes but '>' inside the brackets
// Spaces may stand between the parts ("< nakna brdar > <40>"). Text after
// the last part is returned in `trailing` for the caller to warn about,
// unless it is a '#' comment.
// Exposed for the loader, its tests and the fuzz target.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace esafety::inspect {

// Weights past this (either sign) are refused as typing mistakes.
inline constexpr int32_t kMaxPhraseWeight = 1'000'000;

struct ParsedPhraseLine {
  std::vector<std::string_view> phrases;  // inside the brackets, as written
  bool has_weight = false;
  int32_t weight = 0;
  bool percent = false;        // "<10%>"
  std::string_view trailing;   // text after the line's last part, trimmed
};

// Parses a trimmed line that is not a comment or directive. The views point
// into `line`. Errors say what was expected and where.
Result<ParsedPhraseLine> parsePhraseLine(std::string_view line);

}  // namespace esafety::inspect
