#include "proxy/sign_in_responses.h"

#include <cctype>

#include "pages/console_url.h"
#include "pages/html_escape.h"
#include "pages/page_frame.h"
#include "pages/page_headers.h"
#include "pages/unknown_device_page.h"
#include "identity/client_bindings.h"

namespace esafety::proxy {
namespace {

Response page(int status, std::string html, std::string_view console_base, unsigned version) {
  Response res{static_cast<http::status>(status), version};
  for (const auto& [name, value] : pages::pageHeaders(console_base)) res.set(name, value);
  res.body() = std::move(html);
  res.keep_alive(false);
  res.prepare_payload();
  return res;
}

// Percent-encodes everything but RFC 3986's unreserved characters.
std::string queryValue(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Response portalRedirect(std::string_view console_base, std::string_view return_url,
                        unsigned version) {
  std::string location = pages::consoleUrl(console_base, "/portal");
  if (!return_url.empty() && return_url.size() <= 2048) {
    location += "?return=" + queryValue(return_url);
  }
  std::string body = "<h1>Please sign in</h1>\n<p><a class=\"button\" href=\"" +
                     pages::htmlEscape(location) + "\">Sign in to use the internet</a></p>\n";
  Response res = page(302, pages::renderPage({.title = "Please sign in", .body = body}), console_base,
                      version);
  res.set(http::field::location, location);
  return res;
}

Response signInPage(std::string_view console_base, bool unknown_device, std::string_view client_ip,
                    unsigned version) {
  if (unknown_device) {
    pages::RenderedPage p = pages::renderUnknownDevicePage(
        {.console_base = std::string(console_base), .device_address = std::string(client_ip)});
    return page(p.status, std::move(p.html), console_base, version);
  }
  std::string body =
      "<h1>Please sign in</h1>\n<p>Sign in with your school login to use the internet on this "
      "device.</p>\n<p><a class=\"button\" href=\"" +
      pages::htmlEscape(pages::consoleUrl(console_base, "/portal")) + "\">Sign in</a></p>\n";
  return page(pages::kUnknownDeviceStatus, pages::renderPage({.title = "Please sign in", .body = body}),
              console_base, version);
}

Response proxyAuthRequired(std::string_view why, unsigned version) {
  Response res{http::status::proxy_authentication_required, version};
  res.set(http::field::proxy_authenticate, "Basic realm=\"esafety\", charset=\"UTF-8\"");
  res.set(http::field::content_type, "text/plain; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  res.body() = "Sign in with your school login to use the internet (" + std::string(why) + ").\n";
  res.keep_alive(false);
  res.prepare_payload();
  return res;
}

}  // namespace

std::optional<Response> signInAnswer(const identity::ResolvedClient& resolved,
                                     std::string_view console_base, std::string_view return_url,
                                     std::span<const uint8_t> client_address, unsigned version) {
  using identity::SignIn;
  switch (resolved.sign_in) {
    case SignIn::kNotNeeded:
      return std::nullopt;
    case SignIn::kPortalRedirect:
      return portalRedirect(console_base, return_url, version);
    case SignIn::kSignInPage:
      return signInPage(console_base, resolved.unknown_device, identity::addressText(client_address),
                        version);
    case SignIn::kRefused:
      return plainResponse(http::status::forbidden, resolved.reason, version);
    case SignIn::kProxyCredentials:
    case SignIn::kPasswordCheck: {
      Response res = proxyAuthRequired(resolved.reason.empty() ? "sign in" : resolved.reason, version);
      if (resolved.retry_after_s > 0) res.set(http::field::retry_after, std::to_string(resolved.retry_after_s));
      return res;
    }
  }
  return std::nullopt;
}

}  // namespace esafety::proxy
