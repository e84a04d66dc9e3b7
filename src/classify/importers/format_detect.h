// Guesses the format of one list file (ListFormat::kAuto) from its name and
// its first lines. Folders are always squidGuard, and importList() decides
// that before reading anything. For files, looking at the first 50 lines:
//   e2guardian  a ".Include<" or "#listcategory" line;
//   Adblock     an "[Adblock ...]" header, or the first line that is not a
//               comment starts with "||" or "@@";
//   hosts       the first line that is not a comment is "<address> <name>";
//   plain       anything else.
// The Adblock markers count whatever the file's name (not only "*.txt"): no
// other format has lines that start with "||" or "@@".
//
//   ListFormat format = detectListFormat(text);
//
// Pure function, safe from any thread.
#pragma once

#include <string_view>

#include "classify/importers.h"

namespace esafety::classify::importers {

// How many lines detection reads.
inline constexpr int kDetectLines = 50;

ListFormat detectListFormat(std::string_view text);

}  // namespace esafety::classify::importers
