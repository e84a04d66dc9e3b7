// renderPage: the HTML5 document every page shares (doctype, lang="en-GB",
// viewport, the inline stylesheet, a card holding the page's content). Internal
// to esafety_pages; each renderer builds its body and hands it here.
//
//   std::string body = "<h1>" + htmlEscape(title) + "</h1>";
//   return renderPage({.title = "Site blocked", .audience = Audience::kAdult, .body = body});
//
// The document holds no script, links no external resource and asks search
// engines and referrers to stay away.
#pragma once

#include <string>
#include <string_view>

#include "pages/audience.h"

namespace esafety::pages {

struct PageFrame {
  std::string_view title = {};  // plain text for <title>; escaped here
  Audience audience = Audience::kAdult;
  std::string_view body = {};         // trusted HTML, already escaped by the caller
  std::string_view school_name = {};  // plain text shown above the card; escaped here; may be empty
};

std::string renderPage(const PageFrame& frame);

}  // namespace esafety::pages
