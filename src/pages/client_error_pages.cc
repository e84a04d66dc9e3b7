#include "pages/client_error_pages.h"

#include <string>

#include "pages/display_text.h"
#include "pages/html_escape.h"
#include "pages/page_frame.h"

namespace esafety::pages {

RenderedPage renderRefusedPage() {
  constexpr std::string_view kTitle = "This filter only works on the school's network";
  std::string body = "<h1>" + std::string(kTitle) + "</h1>\n";
  body +=
      "<p>Your device is not connected to a network this web filter looks after, so it can't "
      "open websites for you.</p>\n"
      "<p><strong>If you are at school, connect to the school Wi-Fi and try again.</strong> "
      "Otherwise, turn off the proxy setting on your device.</p>\n";
  return {403, renderPage({.title = kTitle, .audience = Audience::kAdult, .body = body})};
}

RenderedPage renderBadRequestPage(int status, std::string_view reason) {
  std::string_view title, advice;
  switch (status) {
    case 408:
      title = "Your browser took too long to send its request";
      advice = "The connection may be slow or busy. Press Reload to try again.";
      break;
    case 431:
      title = "Your browser sent too much information";
      advice =
          "This usually happens when a website has stored too many cookies. Clearing this "
          "website's cookies in your browser's settings usually fixes it.";
      break;
    default:
      status = 400;
      title = "Your browser sent a request the filter couldn't understand";
      advice = "Press Reload to try again. If it keeps happening, tell the IT technician.";
  }
  std::string body = "<h1>" + std::string(title) + "</h1>\n";
  body += "<p>" + std::string(advice) + "</p>\n";
  body += "<details><summary>Technical details</summary>\n<p><code>" + std::to_string(status);
  if (!reason.empty()) body += ": " + htmlEscape(shortenForDisplay(reason, 300));
  body += "</code></p>\n</details>\n";
  return {status, renderPage({.title = title, .audience = Audience::kAdult, .body = body})};
}

}  // namespace esafety::pages
