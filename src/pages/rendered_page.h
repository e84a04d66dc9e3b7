// RenderedPage: a page together with the HTTP status it must be sent with.
// The proxy sends `html` as the body with the headers from pageHeaders()
// (page_headers.h) and this status.
#pragma once

#include <string>

namespace esafety::pages {

struct RenderedPage {
  int status = 200;
  std::string html;  // a complete UTF-8 HTML5 document
};

}  // namespace esafety::pages
