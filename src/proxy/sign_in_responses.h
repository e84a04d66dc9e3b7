// Private to src/proxy: what the proxy answers a client that has to sign in
// first (client_identity.h).
#pragma once

#include <string_view>

#include "proxy/responses.h"

namespace esafety::proxy {

// 302 to {console}/portal?return=<url>, for a plain GET or HEAD.
Response portalRedirect(std::string_view console_base, std::string_view return_url,
                        unsigned version);
// 511 with a page: the unknown-device page (visitors to the portal, pupils
// told kindly that devices from home can't join) or, for a registered
// device that must sign in, a short page linking to the portal.
Response signInPage(std::string_view console_base, bool unknown_device,
                    std::string_view client_ip, unsigned version);
// 407 with Proxy-Authenticate: Basic realm="esafety".
Response proxyAuthRequired(std::string_view why, unsigned version);

}  // namespace esafety::proxy
