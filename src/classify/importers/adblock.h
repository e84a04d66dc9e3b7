// Adblock-style lists (EasyList, AdGuard DNS filters): what a web and DNS
// filter can use from them is the host rules.
//   ||ads.example.com^             domain
//   @@||ads.example.com^           exception domain (this name is NOT in the category)
//   ||ads.example.com^$third-party domain; the options are ignored, with a warning
//   ads.example.com                domain
//   ! comment, [Adblock Plus 2.0], # comment      skipped
// Everything else (URL patterns "|http://...|", "/regex/", cosmetic "##"
// rules, wildcards, "$badfilter") is reported as an unsupported rule (a
// warning) and not imported. Private to the importers.
#pragma once

#include <string>
#include <string_view>

#include "classify/importers/import_context.h"

namespace esafety::classify::importers {

void importAdblock(ImportContext& ctx, const std::string& path, std::string_view text,
                   std::string_view category);

// True for a line that only an Adblock list holds: "||", "@@" or an "[Adblock" header.
bool looksLikeAdblockLine(std::string_view line);

}  // namespace esafety::classify::importers
