// squidGuard and UT1 (Toulouse) blacklists: a folder of category folders, or
// one category folder, each holding up to three files:
//   domains      a name and all its subdomains ("example.com"; IPs too)
//   urls         "example.com/path", without scheme or "www."
//   expressions  one regular expression a line, matched against the URL
// The category is the request's, or canonicalCategory(folder name). Files a
// category folder holds for people ("usage", "README") or tools ("*.diff",
// "*.db") are skipped; any other file is skipped with a warning. Private to
// the importers; importList() is the public entry.
//
//   importSquidGuard(ctx, "/srv/ut1/blacklists", "");   // every category
//   importSquidGuard(ctx, "/srv/ut1/blacklists/adult", "");
//   importSquidGuard(ctx, "/srv/ut1/blacklists/adult/domains", "");  // one file
#pragma once

#include <string>
#include <string_view>

#include "classify/importers/import_context.h"

namespace esafety::classify::importers {

enum class SquidGuardFile : uint8_t { kDomains, kUrls, kExpressions };

void importSquidGuard(ImportContext& ctx, const std::string& path, std::string_view category);

// One file already read into `text`.
void importSquidGuardFile(ImportContext& ctx, const std::string& path, std::string_view text,
                          SquidGuardFile kind, std::string_view category);

}  // namespace esafety::classify::importers
