// Private to src/proxy: who is asking, with signing in taken into account.
// Thin glue over identity::IdentityResolver (identity/identity_resolver.h,
// which holds the order: check-outs, the console itself, proxy Basic
// authentication, portal bindings, then signing in), shared with the DNS
// filter and the portal. Here the resolver's answer becomes HTTP:
//
//   ClientAccess access;
//   co_await identifyClient(access, *snapshot, {.address = ..., ...}, shared);
//   record.setIdentity(access.who);
//   if (access.answer) { write *access.answer; done }   // 302, 407, 511 or 403
//
// Proxy credentials not in the resolver's cache are checked with argon2id on
// a one-thread pool, never on the worker's thread, and one at a time, so a
// burst of new credentials cannot take the memory of many.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <string_view>

#include "identity/identity_resolver.h"
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
  ClientAccess(const ClientAccess&) = delete;  // who.user_name views resolved.person_name
  ClientAccess& operator=(const ClientAccess&) = delete;

  policy::ClientIdentity who;      // resolved.identity: views the snapshot and `resolved`
  std::optional<Response> answer;  // set: send this, and decide nothing
  identity::ResolvedClient resolved;
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
