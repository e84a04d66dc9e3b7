// Private to src/proxy: what the proxy answers a client that has to sign in
// first, from identity::IdentityResolver's answer (client_identity.h):
//   kPortalRedirect    302 to {console}/portal?return=<url>
//   kSignInPage        511 with the unknown-device page (visitors to the
//                      portal, pupils told kindly that devices from home
//                      can't join) or, for a registered device that must
//                      sign in, a short page linking to the portal
//   kRefused           403 with the reason (a CONNECT, or inside a tunnel)
//   kProxyCredentials  407 with Proxy-Authenticate: Basic realm="esafety",
//                      the reason, and Retry-After when locked out
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "identity/identity_resolver.h"
#include "proxy/responses.h"

namespace esafety::proxy {

// nullopt when the client need not sign in (kNotNeeded). kPasswordCheck must
// have been settled first (resolveCheckingPassword); it gets a 407.
std::optional<Response> signInAnswer(const identity::ResolvedClient& resolved,
                                     std::string_view console_base, std::string_view return_url,
                                     std::span<const uint8_t> client_address, unsigned version);

}  // namespace esafety::proxy
