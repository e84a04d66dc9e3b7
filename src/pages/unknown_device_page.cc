#include "pages/unknown_device_page.h"

#include "pages/console_url.h"
#include "pages/display_text.h"
#include "pages/html_escape.h"
#include "pages/page_frame.h"

namespace esafety::pages {

RenderedPage renderUnknownDevicePage(const UnknownDeviceInfo& info) {
  constexpr std::string_view kTitle = "This device isn't set up for the school network";
  std::string body = "<h1>" + std::string(kTitle) + "</h1>\n";
  body +=
      "<p>To keep everyone safe, only devices the school knows about can use the internet "
      "here.</p>\n";

  body +=
      "<section class=\"section\" aria-labelledby=\"visitors\">\n"
      "<h2 id=\"visitors\">Visiting the school?</h2>\n"
      "<p>Sign in as a visitor to get online. It takes a minute.</p>\n<p><a class=\"button\" "
      "href=\"" +
      htmlEscape(consoleUrl(info.console_base, "/visitor")) +
      "\">Visitor sign-in</a></p>\n</section>\n";

  body +=
      "<section class=\"section\" aria-labelledby=\"pupils\">\n"
      "<h2 id=\"pupils\">Are you a pupil?</h2>\n"
      "<p>Phones, tablets and laptops from home can't join the school network \xE2\x80\x94 "
      "that's a school rule, and you're not in trouble. Please use a school device. Your "
      "teacher can help you find one.</p>\n</section>\n";

  body +=
      "<section class=\"section\" aria-labelledby=\"staff\">\n"
      "<h2 id=\"staff\">Is this a school device?</h2>\n"
      "<p>Ask the IT technician to add it to the school's devices.";
  if (!info.device_address.empty()) {
    body += " Tell them this device's address: <span class=\"ref\">" +
            htmlEscape(shortenForDisplay(info.device_address, 64)) + "</span>.";
  }
  body += "</p>\n</section>\n";

  return {kUnknownDeviceStatus, renderPage({.title = kTitle,
                                            .audience = Audience::kAdult,
                                            .body = body,
                                            .school_name = info.school_name})};
}

}  // namespace esafety::pages
