// htmlEscape: makes untrusted text safe to place in HTML text or in a quoted
// attribute value. Everything a user, a website or a list can influence (the
// blocked URL, the category title, the reason sentence, a host name from a DNS
// error) goes through it before it reaches a page.
//
//   html += "<p>" + htmlEscape(site) + "</p>";
//   html += "<input type=\"hidden\" name=\"ref\" value=\"" + htmlEscape(ref) + "\">";
//
// What it does, and why:
//   - & < > " ' become character references, so text can close neither an
//     element nor an attribute (a URL holding `"><script>` stays text);
//   - bytes that are not valid UTF-8 become U+FFFD, so every page is valid
//     UTF-8 whatever the URL held;
//   - control characters (other than tab, LF and CR), Unicode noncharacters
//     and bidirectional overrides (U+202A-U+202E, U+2066-U+2069) become
//     U+FFFD: the first two are HTML parse errors, and the last can make
//     "moc.elgoog" read as "google.com" on the page.
//
// It does not make a URL safe to use as a link target (`javascript:` is plain
// text); the renderers never turn untrusted text into links.
//
// Pure function; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace esafety::pages {

std::string htmlEscape(std::string_view text);

}  // namespace esafety::pages
