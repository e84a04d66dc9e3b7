// The HTTP response headers to send with every page from this library, and
// with the PAC file.
//
//   for (const auto& [name, value] : pageHeaders(config.console_base))
//     response.set(name, value);
//   response.result(page.status);
//   response.body() = page.html;
//
// The pages need no script, so the Content-Security-Policy allows none: even
// if an escaping bug ever let markup through, the browser would not run it.
// Forms may post only to the console. Responses are never cached, since a
// block page stands in for somebody else's URL.
//
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace esafety::pages {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Content-Type, Cache-Control, Content-Security-Policy, X-Content-Type-Options,
// Referrer-Policy and X-Frame-Options for an HTML page.
HeaderList pageHeaders(std::string_view console_base);

// Content-Type and Cache-Control for the PAC file.
HeaderList pacHeaders();

}  // namespace esafety::pages
