// Links from a page to the console: the block page's forms post to
// {console_base}/blocked/..., the unknown-device page links to
// {console_base}/visitor.
//
//   Status s = validateConsoleBase(config.console_base);   // at start-up
//   std::string action = consoleUrl(config.console_base, "/blocked/ask-check");
//
// console_base comes from the school's config, not from traffic, but a page
// must still never carry a `javascript:` or otherwise odd URL, so consoleUrl
// only uses a base that validateConsoleBase accepts; any other base gives the
// bare path, which the proxy can answer itself.
//
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace esafety::pages {

// OK for an absolute http:// or https:// URL with a host, an optional port and
// an optional path, and nothing else: no query, fragment, user info,
// whitespace, quotes or angle brackets. A trailing "/" is allowed.
Status validateConsoleBase(std::string_view console_base);

// console_base (without a trailing "/") followed by `path` (which starts with
// "/"), or `path` alone when console_base is not valid.
std::string consoleUrl(std::string_view console_base, std::string_view path);

// "https://host:port" of a valid console_base, or "" when it is not valid.
std::string consoleOrigin(std::string_view console_base);

}  // namespace esafety::pages
