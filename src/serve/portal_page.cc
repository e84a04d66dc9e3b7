#include "serve/portal_page.h"

#include "pages/html_escape.h"
#include "pages/page_frame.h"

namespace esafety::serve {
namespace {

using pages::htmlEscape;

// The shared page style has no text inputs; these keep them big enough to
// tap and read on an iPad (44 px targets, 1.1 rem text).
constexpr std::string_view kFormStyle =
    "<style>"
    "input[type=text],input[type=password]{display:block;width:100%;box-sizing:border-box;"
    "font:inherit;font-size:1.15rem;min-height:2.9rem;padding:.55rem .7rem;margin:.25rem 0 1rem;"
    "border:2px solid #4a4a4a;border-radius:.5rem;background:#fff;color:#111}"
    "input:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}"
    "label{display:block;font-weight:600}"
    ".problem{border-left:.35rem solid #b42318;background:#fef3f2;color:#7a271a;padding:.6rem .8rem;"
    "margin:0 0 1rem;border-radius:.3rem}"
    "form .button{min-height:2.9rem;font-size:1.1rem;cursor:pointer}"
    "</style>\n";

std::string hidden(std::string_view name, std::string_view value) {
  return "<input type=\"hidden\" name=\"" + std::string(name) + "\" value=\"" + htmlEscape(value) + "\">";
}

}  // namespace

std::string renderPortalForm(const PortalForm& f) {
  const bool child = f.audience == pages::Audience::kChild;
  std::string body(kFormStyle);
  body += child ? "<h1>Sign in to use the internet</h1>\n"
                  "<p class=\"lead\">Type the user name and password your teacher gave you.</p>\n"
                : "<h1>Sign in to use the internet</h1>\n"
                  "<p>Use your school login. Visitors: use the visitor login from the school office.</p>\n";
  if (!f.error.empty()) {
    body += "<p class=\"problem\" role=\"alert\">" + htmlEscape(f.error) + "</p>\n";
  }
  body += "<form method=\"post\" action=\"" + htmlEscape(f.form_action) + "\">\n";
  body += hidden("token", f.token) + hidden("return", f.return_url) + "\n";
  body += "<label for=\"login\">User name</label>\n"
          "<input id=\"login\" name=\"login\" type=\"text\" autocomplete=\"username\" "
          "autocapitalize=\"none\" autocorrect=\"off\" spellcheck=\"false\" required value=\"" +
          htmlEscape(f.login.empty() && f.visitor_hint ? "visitor" : f.login) + "\">\n";
  body += "<label for=\"password\">Password</label>\n"
          "<input id=\"password\" name=\"password\" type=\"password\" "
          "autocomplete=\"current-password\" required>\n";
  body += "<button class=\"button\" type=\"submit\">Sign in</button>\n</form>\n";
  if (child) {
    body += "<p class=\"teacher\">Stuck? Ask your teacher to help you.</p>\n";
  } else {
    body += "<section class=\"section\" aria-labelledby=\"visiting\">\n"
            "<h2 id=\"visiting\">Visiting the school?</h2>\n"
            "<p>Your user name is <strong>visitor</strong>. The school office has the password. "
            "Visitor sign-ins end after a while; then sign in again.</p>\n</section>\n";
  }
  return pages::renderPage({.title = "Sign in to use the internet", .audience = f.audience, .body = body});
}

std::string renderPortalSignedIn(const PortalSignedIn& p) {
  std::string body(kFormStyle);
  body += "<h1>You're signed in</h1>\n";
  body += "<p>Signed in as <strong>" + htmlEscape(p.name) + "</strong>";
  if (!p.until.empty()) body += " until " + htmlEscape(p.until);
  body += ".</p>\n";
  if (!p.return_url.empty()) {
    body += "<p><a class=\"button\" href=\"" + htmlEscape(p.return_url) +
            "\">Carry on to the page you wanted</a></p>\n";
  }
  body += "<form method=\"post\" action=\"" + htmlEscape(p.signout_action) + "\">" +
          hidden("token", p.token) +
          "<button class=\"button secondary\" type=\"submit\">Sign out</button></form>\n";
  body += "<p class=\"muted\">Sign out when you have finished, so nobody else browses as you.</p>\n";
  return pages::renderPage({.title = "You're signed in", .audience = p.audience, .body = body});
}

std::string renderPortalSignedOut(const std::string& portal_url, pages::Audience audience) {
  std::string body = "<h1>You've signed out</h1>\n<p>Thank you. To use the internet again, sign in.</p>\n";
  body += "<p><a class=\"button\" href=\"" + htmlEscape(portal_url) + "\">Sign in again</a></p>\n";
  return pages::renderPage({.title = "You've signed out", .audience = audience, .body = body});
}

}  // namespace esafety::serve
