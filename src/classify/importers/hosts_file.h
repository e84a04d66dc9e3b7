// Hosts files: "0.0.0.0 ads.example.com tracker.example.com  # comment".
// The first word is an address (any IPv4 or IPv6, an IPv6 zone "%lo0"
// allowed) and is dropped; every following name becomes a domain entry. The
// names a hosts file needs for itself ("localhost", "broadcasthost",
// "ip6-allnodes", ...) and names that are addresses are skipped silently: they
// are not entries. A line that does not start with an address is an error.
// Private to the importers; importList() is the public entry.
#pragma once

#include <string>
#include <string_view>

#include "classify/importers/import_context.h"

namespace esafety::classify::importers {

void importHostsFile(ImportContext& ctx, const std::string& path, std::string_view text,
                     std::string_view category);

// True when `line` is "<address> <name> ...": how format detection spots a hosts file.
bool looksLikeHostsLine(std::string_view line);

}  // namespace esafety::classify::importers
