// Private to src/proxy: who is asking, with signing in taken into account.
// The one call the request handlers make instead of Snapshot::identify:
//
//   ClientAccess access;
//   co_await identifyClient(access, *snapshot, {.address = ..., ...}, shared);
//   record.setIdentity(access.who);
//   if (access.answer) { write *access.answer; done }   // 302 to the portal, 407, 511, 403
//
// In order:
//   1. the device registry and check-outs (Snapshot::identify): a device
//      lent to a pupil is that pupil, whatever else applies;
//   2. proxy Basic authentication, for addresses in proxy_auth.networks:
//      no or wrong credentials get 407; right ones name the person;
//   3. a captive-portal binding for the address (identity::ClientBindings);
//   4. otherwise, for an address in portal.sign_in_networks, or an unknown
//      device when portal.unknown_devices is "portal": the client must sign
//      in. Plain GET/HEAD gets a 302 to {console}/portal?return=<url>; other
//      plain HTTP gets the 511 unknown-device page; a CONNECT can only be
//      refused (403): browsers show their own error for a failed tunnel.
// A signed-in person's sanctions come from the snapshot, as for a
// checked-out pupil: their group is swapped for a copy carrying the
// sanction, so the decision and the block page say why.
// Requests to the console itself are never sent to sign in, so the portal
// can be reached through the proxy.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "policy/snapshot.h"
#include "proxy/responses.h"
#include "proxy/session_io.h"

namespace esafety::proxy {

struct AccessRequest {
  std::span<const uint8_t> address = {};
  std::string_view proxy_authorization = {};  // the header's value; "" when absent
  bool connect = false;                  // a CONNECT (no page can be shown)
  bool inside_tls = false;               // a request inside an inspected tunnel
  bool can_redirect = false;             // plain-HTTP GET or HEAD
  std::string_view url = {};                  // absolute, for the portal's return link
  std::string_view host = {};                 // normalised target host
  uint16_t port = 0;                     // 0: the scheme's default
  unsigned version = 11;
};

struct ClientAccess {
  ClientAccess() = default;
  ClientAccess(const ClientAccess&) = delete;  // who.user_name views user_name
  ClientAccess& operator=(const ClientAccess&) = delete;

  policy::ClientIdentity who;
  std::optional<Response> answer;  // set: send this, and decide nothing
  std::string user_name = {};
  std::shared_ptr<const policy::GroupPolicy> sanctioned_group;  // keeps who.group alive
};

awaitable<void> identifyClient(ClientAccess& out, const policy::Snapshot& snapshot,
                               const AccessRequest& request, ProxyShared& shared);

// Sends out.answer, logs the request as refused for signing in (category
// "sign-in") and returns false: the connection closes, since a request body
// may be left unread.
template <class Stream>
awaitable<bool> answerSignIn(Stream& stream, ClientAccess& access, RequestRecord& record,
                             std::chrono::seconds timeout);

}  // namespace esafety::proxy
