#include "pages/upstream_error_page.h"

#include <string>

#include "pages/display_text.h"
#include "pages/html_escape.h"
#include "pages/page_frame.h"

namespace esafety::pages {
namespace {

struct Words {
  std::string_view title;
  std::string_view advice;
  std::string_view next_step;
};

Words wordsFor(UpstreamError kind) {
  switch (kind) {
    case UpstreamError::kDnsFailure:
      return {"We can't find this website",
              "There is no website at this address. It may be spelt wrongly, or the website may "
              "have closed or moved.",
              "Check the address and try again."};
    case UpstreamError::kConnectionRefused:
      return {"This website isn't answering",
              "The website's computer would not let us connect. It may be switched off or being "
              "repaired.",
              "Try again in a few minutes."};
    case UpstreamError::kTimeout:
      return {"This website is taking too long",
              "The website did not answer in time. It may be very busy, or the internet "
              "connection may be slow.",
              "Wait a moment, then press Reload."};
    case UpstreamError::kConnectionReset:
      return {"The page stopped loading part-way",
              "The website cut the connection before the page had finished arriving.",
              "Press Reload to try again."};
    case UpstreamError::kTlsFailure:
      return {"We couldn't connect to this website securely",
              "The website's security certificate could not be checked, so the page was not "
              "opened. This protects your information.",
              "If you need this website, tell the IT technician and show them this page."};
    case UpstreamError::kBadResponse:
      return {"This website sent a broken reply",
              "The website answered, but not in a way a browser can use. The problem is with "
              "the website, not your device.",
              "Try again later. If it keeps happening, the website needs fixing."};
  }
  return {"Something went wrong", "", ""};
}

}  // namespace

std::string_view upstreamErrorName(UpstreamError kind) {
  switch (kind) {
    case UpstreamError::kDnsFailure:
      return "dns-failure";
    case UpstreamError::kConnectionRefused:
      return "connection-refused";
    case UpstreamError::kTimeout:
      return "timeout";
    case UpstreamError::kConnectionReset:
      return "connection-reset";
    case UpstreamError::kTlsFailure:
      return "tls-failure";
    case UpstreamError::kBadResponse:
      return "bad-response";
  }
  return "unknown";
}

int upstreamErrorStatus(UpstreamError kind) {
  return kind == UpstreamError::kTimeout ? 504 : 502;
}

RenderedPage renderUpstreamErrorPage(UpstreamError kind, std::string_view host,
                                     std::string_view detail) {
  Words words = wordsFor(kind);
  const int status = upstreamErrorStatus(kind);
  std::string body = "<h1>" + std::string(words.title) + "</h1>\n";
  body += "<p>" + std::string(words.advice) + "</p>\n";
  if (kind == UpstreamError::kTlsFailure && !detail.empty()) {
    // What the check found ("the website's security certificate has
    // expired") is the useful part for whoever reads this, so it is shown.
    std::string_view reason = detail.substr(0, detail.find(" ("));
    body += "<p>What we found: " + htmlEscape(shortenForDisplay(reason, 200)) + ".</p>\n";
  }
  body += "<p><strong>" + std::string(words.next_step) + "</strong></p>\n";
  if (!host.empty()) {
    body += "<dl class=\"facts\"><dt>Website</dt><dd><span class=\"site\">" +
            htmlEscape(shortenForDisplay(host, 100)) + "</span></dd></dl>\n";
  }
  body += "<details><summary>Technical details</summary>\n<p><code>" + std::to_string(status) +
          " " + std::string(upstreamErrorName(kind));
  if (!detail.empty()) body += ": " + htmlEscape(shortenForDisplay(detail, 300));
  body += "</code></p>\n</details>\n";
  return {status, renderPage({.title = words.title, .audience = Audience::kAdult, .body = body})};
}

}  // namespace esafety::pages
