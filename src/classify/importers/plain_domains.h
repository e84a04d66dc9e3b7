// Plain domain lists: one name a line, '#' comments (whole-line or trailing).
// A line may also hold a URL or an IP/CIDR; see list_value.h for how each is
// told apart. Private to the importers; importList() is the public entry.
//
//   importPlainDomains(ctx, "/lists/games.txt", text, "games");
#pragma once

#include <string>
#include <string_view>

#include "classify/importers/import_context.h"

namespace esafety::classify::importers {

void importPlainDomains(ImportContext& ctx, const std::string& path, std::string_view text,
                        std::string_view category);

}  // namespace esafety::classify::importers
