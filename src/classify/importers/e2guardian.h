// e2guardian (and DansGuardian) site, URL and IP lists:
//   .Include</etc/e2guardian/lists/blacklists/adult/domains>   read that file too
//   #listcategory: "Banned Sites"   the category of this file's entries
//   #time: 9 0 17 0 01234           a time limit: not applied (warning; use group time rules)
//   .gov                            "gov" and everything under it
//   example.com/path, 192.0.2.1     URLs and addresses, as in list_value.h
//   **, *ip                         old blanket blocks: ignored with a warning
// The request's category wins; else the file's #listcategory; else the
// including file's category. With none of them, each entry line is an error.
// Relative include paths resolve against the including file's folder. A
// missing included file, an include loop and chains deeper than
// kMaxIncludeDepth are errors at the .Include line; the import goes on.
// Private to the importers; importList() is the public entry.
#pragma once

#include <string>
#include <string_view>

#include "classify/importers/import_context.h"

namespace esafety::classify::importers {

void importE2Guardian(ImportContext& ctx, const std::string& path, std::string_view text,
                      std::string_view category);

// True for the lines that only e2guardian lists hold: ".Include<" and "#listcategory".
bool looksLikeE2GuardianLine(std::string_view line);

}  // namespace esafety::classify::importers
