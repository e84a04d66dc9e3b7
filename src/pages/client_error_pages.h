// Pages for requests the proxy will not serve: a client outside the school's
// networks (the proxy is never an open proxy, DESIGN.md §3 step 1), and a
// request that broke the parser or its limits.
//
//   RenderedPage page = renderRefusedPage();                       // 403
//   RenderedPage bad = renderBadRequestPage(431, "header block over 16 KB");
//
// Pure functions; safe from any thread.
#pragma once

#include <string_view>

#include "pages/rendered_page.h"

namespace esafety::pages {

// 403 for a client whose address is in none of the school's networks. It names
// no school and no address: the asker is outside, and learns nothing.
RenderedPage renderRefusedPage();

// 400 (malformed request), 408 (the request head arrived too slowly) or 431
// (the request head was too large). Any other status is sent as 400. `reason`
// is the parser's message, untrusted; it is cut, escaped and shown under
// "Technical details".
RenderedPage renderBadRequestPage(int status, std::string_view reason);

}  // namespace esafety::pages
