// IdentityResolver: who is asking, one answer for the proxy, the DNS filter
// and the captive portal. Given a client's address (and, for the proxy, its
// Proxy-Authorization and the kind of request), it names the person, the
// device, the filter group and the sanctions in force, or says the client
// must sign in first and how that can be asked of this kind of request.
//
// The order (the first that applies wins):
//   1. the device registry and check-outs (Snapshot::identify): a device
//      lent to a pupil is that pupil, whatever else applies;
//   2. a request to the console itself (its host and port; for DNS, its
//      name) is never sent to sign in, so the portal can be reached: the
//      client is what the registry says;
//   3. proxy Basic authentication, for addresses in proxy_auth.networks:
//      right credentials name the person; none or wrong ones want
//      credentials (407). Only proxy requests carry credentials: a DNS query
//      or the portal's page from such an address goes on to step 4, since a
//      shared machine's address cannot say which of its users asks;
//   4. a captive-portal binding for the address (ClientBindings);
//   5. otherwise, an address in portal.sign_in_networks, or an unknown
//      device when portal.unknown_devices is "portal", must sign in at the
//      portal; anyone else is what the registry says (the device's group,
//      or the "Unknown device" group).
// A named person's group is their sign-in group (SignInDesk::groupFor) when
// the snapshot has it, else the device's; their sanctions come from the
// snapshot and their group is swapped for the snapshot's sanctioned copy, so
// step 2 of the decision and the block page apply them.
//
// What each kind of request is told when the client must sign in:
//   kPageLoad     plain-HTTP GET/HEAD   kPortalRedirect (the proxy: 302)
//   kPlainHttp    other plain HTTP      kSignInPage (511, the unknown-device page)
//   kConnect      CONNECT               kRefused (403: no page can be shown)
//   kInsideTls    inside a tunnel       kRefused
//   kAddressOnly  a DNS query, the portal   kSignInPage: DNS answers as for an
//                                         unknown device; the portal shows its form
// and, in proxy_auth.networks, kProxyCredentials (407, with the reason and
// any Retry-After) or kPasswordCheck (below).
//
// argon2id never runs on a data-plane thread. resolve() answers proxy
// credentials only from SignInDesk's cache; a miss comes back as
// kPasswordCheck, and the caller runs resolveCheckingPassword() off its
// worker (the proxy has a one-thread pool for it), which checks the password
// (~0.1 s, 64 MiB) and gives the final answer.
//
//   IdentityResolver resolver(&desk, clock, config.console.public_url);  // one per esafety serve
//   ResolvedClient who;                       // reuse: its name buffer keeps its capacity
//   resolver.resolve({.address = peer, .kind = RequestKind::kAddressOnly, .host = qname},
//                    snapshot, who);
//   const policy::GroupPolicy* group = who.needsSignIn() ? snapshot.unknownDeviceGroup()
//                                                        : who.identity.group;
//   // the proxy:
//   resolver.resolve({.address = peer, .kind = RequestKind::kPageLoad,
//                     .proxy_authorization = header, .host = host, .port = port},
//                    snapshot, who);
//   if (who.sign_in == SignIn::kPasswordCheck) ... on the pool: resolveCheckingPassword(same);
//
// Ownership: the resolver borrows the SignInDesk (null: no signing in; only
// the registry and check-outs) and the clock; both outlive it. A
// ResolvedClient's identity views the snapshot passed in (hold it while the
// answer is used) and the ResolvedClient's own person_name.
//
// Threads: resolve() is safe from any thread at once and is the data plane's
// call: on the DNS path (kAddressOnly) it allocates nothing (person_name
// reuses its capacity) and takes no exclusive lock: the sign-in settings are
// read through a per-thread reference refreshed when SignInDesk's generation
// changes, and bindings under ClientBindings' shared lock (none at all while
// nobody is signed in). Proxy credentials take SignInDesk's mutex, as before.
// resolveCheckingPassword() is safe from any thread but slow: never call it
// on a data-plane thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "policy/snapshot.h"

namespace esafety::identity {

class SignInDesk;
struct SignInSettings;

enum class RequestKind : uint8_t {
  kAddressOnly,  // a DNS query, the portal's own page: the address is all there is
  kPageLoad,     // plain-HTTP GET or HEAD through the proxy: can be sent to the portal
  kPlainHttp,    // any other plain-HTTP request through the proxy: can be shown a page
  kConnect,      // a CONNECT: can only be refused; opens a tunnel for later requests
  kInsideTls,    // a request inside an inspected tunnel: carries no credentials of its own
};

struct ClientRequest {
  std::span<const uint8_t> address = {};  // 4 or 16 bytes, network order
  RequestKind kind = RequestKind::kAddressOnly;
  std::string_view proxy_authorization = {};  // the proxy's header; "" when absent
  std::string_view host = {};                 // normalised target host; DNS: the name asked
  uint16_t port = 0;                          // 0: 80; not compared for kAddressOnly
};

// What the caller must do with the request.
enum class SignIn : uint8_t {
  kNotNeeded,         // `identity` is the client: decide with identity.group
  kPortalRedirect,    // send the client to {console}/portal?return=<url> (302)
  kSignInPage,        // show the sign-in page (511; `unknown_device` picks which)
  kRefused,           // refuse with `reason` (403): a CONNECT or a request inside TLS
  kProxyCredentials,  // ask for proxy credentials (407) with `reason`, Retry-After if > 0
  kPasswordCheck,     // call resolveCheckingPassword() off the data plane, then act on that
};

// How the person (if any) was named.
enum class Source : uint8_t {
  kAddress,     // the device registry alone: a device or nothing, no person
  kCheckout,    // a device lent to a pupil
  kProxyLogin,  // proxy Basic credentials (or, inside a tunnel, the ones that opened it)
  kPortal,      // a captive-portal binding
};

struct ResolvedClient {
  ResolvedClient() = default;
  ResolvedClient(const ResolvedClient&) = delete;  // identity.user_name views person_name
  ResolvedClient& operator=(const ResolvedClient&) = delete;

  bool needsSignIn() const { return sign_in != SignIn::kNotNeeded; }

  // Device, group, person and sanctions. Set whatever sign_in says: when the
  // client must sign in it is what the registry says, for the event log.
  policy::ClientIdentity identity;
  SignIn sign_in = SignIn::kNotNeeded;
  Source source = Source::kAddress;
  bool unknown_device = false;  // no device in the registry has the address
  int64_t retry_after_s = 0;    // kProxyCredentials: locked out for this long
  std::string reason;           // kRefused, kProxyCredentials: in words for the person
  std::string person_name;      // identity.user_name's storage
};

class IdentityResolver {
 public:
  IdentityResolver(SignInDesk* desk, const Clock& clock, std::string_view console_public_url);

  // Fills `out` (all of it). Never runs argon2id: see kPasswordCheck.
  void resolve(const ClientRequest& request, const policy::Snapshot& snapshot,
               ResolvedClient& out) const;
  // resolve(), checking proxy credentials that are not in the cache with
  // argon2id. Off the data plane only.
  void resolveCheckingPassword(const ClientRequest& request, const policy::Snapshot& snapshot,
                               ResolvedClient& out) const;

  // The portal signs people in and out here; null when there is no desk.
  SignInDesk* desk() const { return desk_; }
  const std::string& consoleUrl() const { return console_url_; }

 private:
  void resolveWith(const ClientRequest& request, const policy::Snapshot& snapshot,
                   ResolvedClient& out, bool check_password) const;
  // Step 3: proxy credentials.
  void proxyLogin(const ClientRequest& request, const policy::Snapshot& snapshot, int64_t now,
                  ResolvedClient& out, bool check_password) const;
  // Step 5: how this kind of request is told to sign in.
  void askToSignIn(const ClientRequest& request, ResolvedClient& out) const;
  bool isConsole(const ClientRequest& request) const;
  // This thread's reference to the desk's settings, refreshed on a new generation.
  const SignInSettings& settings() const;

  SignInDesk* const desk_;
  const Clock& clock_;
  const std::string console_url_;
  std::string console_host_;  // lower case, without IPv6 brackets; "" when the URL has none
  uint16_t console_port_ = 80;
  const uint64_t instance_;  // tells this resolver's per-thread settings from another's
};

}  // namespace esafety::identity
