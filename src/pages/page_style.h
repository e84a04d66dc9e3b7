// The one stylesheet every page carries inline in its <style> element: no
// external files, no web fonts, nothing the browser must fetch. Internal to
// esafety_pages; page_frame.cc is its only user.
//
// Layout rules the pages rely on:
//   - body.child: large type and 4rem buttons for pupils on a school iPad;
//     body.adult: compact, with 3rem buttons;
//   - nothing is wider than the viewport: long URLs wrap anywhere, and the
//     two action forms sit side by side only when there is room;
//   - text and buttons meet WCAG AA contrast (at least 4.5:1).
#pragma once

#include <string_view>

namespace esafety::pages {

std::string_view pageStyle();

}  // namespace esafety::pages
