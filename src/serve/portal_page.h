// The captive portal's pages (GET/POST {console}/portal): the sign-in form,
// "you're signed in", "you've signed out". Server-rendered HTML with no
// script, large touch targets for a school iPad, and plain words; the
// child-friendly look for pupils' devices (pages::Audience::kChild).
//
//   std::string html = renderPortalForm({.form_action = consoleUrl(base, "/portal"),
//                                        .token = tokens.issue(ip, now), .return_url = url});
//
// Every value from the client (the typed login, the return address, the
// error) is escaped. Pure functions; safe from any thread.
#pragma once

#include <string>

#include "pages/audience.h"

namespace esafety::serve {

struct PortalForm {
  std::string form_action = {};  // where the form posts: {console}/portal
  std::string token = {};        // the CSRF token (identity/form_token.h)
  std::string return_url = {};   // where to go afterwards; may be empty
  std::string login = {};        // typed before, shown again after a mistake
  std::string error = {};        // in plain words; empty: none
  bool visitor_hint = false;  // came from the unknown-device page's visitor link
  pages::Audience audience = pages::Audience::kAdult;
};
std::string renderPortalForm(const PortalForm& form);

struct PortalSignedIn {
  std::string name = {};        // "Year 3 login", "Sam Lee", "Visitor"
  std::string group = {};       // "KS2"
  std::string until = {};       // "15:30"
  std::string return_url = {};  // a link to carry on; may be empty
  std::string signout_action = {};
  std::string token = {};
  pages::Audience audience = pages::Audience::kAdult;
};
std::string renderPortalSignedIn(const PortalSignedIn& page);

std::string renderPortalSignedOut(const std::string& portal_url, pages::Audience audience);

}  // namespace esafety::serve
