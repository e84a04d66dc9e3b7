#include "pages/page_frame.h"

#include "pages/display_text.h"
#include "pages/html_escape.h"
#include "pages/page_style.h"

namespace esafety::pages {

std::string renderPage(const PageFrame& frame) {
  const bool child = frame.audience == Audience::kChild;
  std::string html;
  html.reserve(8192 + frame.body.size());
  html +=
      "<!DOCTYPE html>\n"
      "<html lang=\"en-GB\">\n<head>\n"
      "<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
      "<meta name=\"referrer\" content=\"no-referrer\">\n"
      "<title>";
  html += htmlEscape(frame.title);
  html += "</title>\n<style>";
  html += pageStyle();
  html += "</style>\n</head>\n<body class=\"";
  html += child ? "child" : "adult";
  html += "\">\n<div class=\"page\">\n";
  if (!frame.school_name.empty()) {
    html += "<header><p class=\"school\">";
    html += htmlEscape(shortenForDisplay(frame.school_name, 100));
    html += "</p></header>\n";
  }
  html += "<main class=\"card\">\n";
  html += frame.body;
  html += "</main>\n</div>\n</body>\n</html>\n";
  return html;
}

}  // namespace esafety::pages
