#include "pages/upstream_refused_page.h"

#include <string>

#include "pages/display_text.h"
#include "pages/html_escape.h"
#include "pages/page_frame.h"

namespace esafety::pages {
namespace {

struct Words {
  std::string_view title;
  std::string_view why;
  std::string_view next_step;
};

Words childWords(UpstreamRefusal kind) {
  switch (kind) {
    case UpstreamRefusal::kInternalAddress:
      return {"This page is inside the school's own computers",
              "This address leads to one of the school's own computers, not to a website. The "
              "filter doesn't open those for you.",
              "If you need it for your work, ask your teacher."};
    case UpstreamRefusal::kPort:
    case UpstreamRefusal::kTunnelPort:
      return {"We can't open this address",
              "This address has an unusual number in it that websites don't normally use, so "
              "the filter doesn't open it.",
              "Check the address with your teacher."};
  }
  return {"We can't open this address", "", ""};
}

Words adultWords(UpstreamRefusal kind) {
  switch (kind) {
    case UpstreamRefusal::kInternalAddress:
      return {"The filter does not open addresses inside the school's network",
              "This address leads to a private, local or reserved network address, or to the "
              "filter's own server. The web filter never fetches those, so a device cannot use "
              "it to reach the school's own systems.",
              "If this is a school service people need through the filter, the IT technician "
              "can allow it (internal_allow in esafety.toml)."};
    case UpstreamRefusal::kPort:
      return {"The filter does not open web pages on this port",
              "Plain web pages are fetched only from the ports the school allows.",
              "If this service is needed, the IT technician can allow its port (http_ports in "
              "esafety.toml)."};
    case UpstreamRefusal::kTunnelPort:
      return {"This secure connection cannot be used for another port",
              "A request inside a secure connection asked for a different port from the one "
              "the connection was opened for.",
              "Open the address directly in a new tab."};
  }
  return {"The filter did not open this address", "", ""};
}

}  // namespace

std::string_view upstreamRefusalName(UpstreamRefusal kind) {
  switch (kind) {
    case UpstreamRefusal::kInternalAddress: return "internal-address";
    case UpstreamRefusal::kPort: return "port";
    case UpstreamRefusal::kTunnelPort: return "tunnel-port";
  }
  return "unknown";
}

RenderedPage renderUpstreamRefusedPage(const UpstreamRefusalInfo& info) {
  const bool child = info.audience == Audience::kChild;
  Words words = child ? childWords(info.kind) : adultWords(info.kind);
  std::string body = "<h1>" + std::string(words.title) + "</h1>\n";
  if (!info.site.empty()) {
    body += "<p class=\"site\"><code>" + htmlEscape(shortenForDisplay(info.site, 120)) + "</code></p>\n";
  }
  body += "<p>" + std::string(words.why) + "</p>\n";
  body += "<p><strong>" + std::string(words.next_step) + "</strong></p>\n";
  if (!info.reference.empty()) {
    body += "<p>Reference: <strong>" + htmlEscape(info.reference) + "</strong></p>\n";
  }
  if (!child && !info.detail.empty()) {
    body += "<details><summary>Technical details</summary>\n<p><code>403 " +
            std::string(upstreamRefusalName(info.kind)) + ": " +
            htmlEscape(shortenForDisplay(info.detail, 300)) + "</code></p>\n</details>\n";
  }
  return {403, renderPage({.title = words.title, .audience = info.audience, .body = body})};
}

}  // namespace esafety::pages
