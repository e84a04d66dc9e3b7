#include "pages/page_headers.h"

#include "pages/console_url.h"

namespace esafety::pages {

HeaderList pageHeaders(std::string_view console_base) {
  std::string origin = consoleOrigin(console_base);
  // Without a valid console the forms post to a bare path on the page's own
  // origin (console_url.h), which 'self' covers.
  std::string form_action = origin.empty() ? "'self'" : origin;
  return {
      {"Content-Type", "text/html; charset=utf-8"},
      {"Cache-Control", "no-store"},
      {"Content-Security-Policy",
       "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action " + form_action +
           "; base-uri 'none'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
  };
}

HeaderList pacHeaders() {
  return {
      {"Content-Type", "application/x-ns-proxy-autoconfig"},
      {"Cache-Control", "max-age=300"},
  };
}

}  // namespace esafety::pages
