// The captive portal's routes on the console listener:
//   GET  /portal[?return=URL]  the sign-in form, or "you're signed in"
//   GET  /visitor              the same form, for the unknown-device page's visitor link
//   POST /portal               sign in (login, password, token, return)
//   GET  /portal/signout       a page with the sign-out button
//   POST /portal/signout       sign out (token)
// The client is its TCP peer address: the proxy and the DNS filter see the
// same address, so signing in here binds it (identity::SignInDesk). Who is
// asking (a registered device or not; children's words for a pupil's group)
// comes from the same identity::IdentityResolver the proxy and DNS use.
//
// CSRF: there is no script and no cookie. Each form carries a token signed
// for the client's address (identity::FormTokens); a POST without a valid
// one is refused with the form again, and a POST whose Origin header names
// another site is refused outright.
//
//   PortalRoutes portal(resolver, policy, clock, config.console.public_url);  // resolver.desk() set
//   if (PortalRoutes::handles(path)) reply = portal.handle(request);   // off the control thread
//
// Thread safety: handle() is safe from any thread; signing in runs argon2id
// (~0.1 s), so the console runs it on its own worker.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "identity/form_token.h"

namespace esafety {
namespace identity {
class IdentityResolver;
class SignInDesk;
struct ResolvedClient;
}
namespace policy {
class PolicyHolder;
class Snapshot;
}
}  // namespace esafety

namespace esafety::serve {

struct PortalRequest {
  bool post = false;
  std::string_view target;  // path and query
  std::string_view body;    // application/x-www-form-urlencoded
  std::string_view origin;  // the Origin header; "" when absent
  std::string client_ip;    // canonical (identity::addressText)
  std::vector<uint8_t> client_address;  // 4 or 16 bytes
};

struct PortalReply {
  int status = 200;
  std::string body;  // HTML
  std::vector<std::pair<std::string, std::string>> headers;
};

class PortalRoutes {
 public:
  // `resolver` must have a desk (IdentityResolver::desk()).
  PortalRoutes(const identity::IdentityResolver& resolver, policy::PolicyHolder& policy,
               const Clock& clock, std::string console_base);

  static bool handles(std::string_view path);
  PortalReply handle(const PortalRequest& request) const;

 private:
  PortalReply signIn(const PortalRequest& request) const;
  PortalReply signOut(const PortalRequest& request) const;
  PortalReply page(int status, std::string html) const;
  // Who is asking from the request's address.
  void identify(const PortalRequest& request, const policy::Snapshot& snapshot,
                identity::ResolvedClient& out) const;

  const identity::IdentityResolver& resolver_;
  identity::SignInDesk& desk_;
  policy::PolicyHolder& policy_;
  const Clock& clock_;
  const std::string console_base_;
  identity::FormTokens tokens_;
};

}  // namespace esafety::serve
