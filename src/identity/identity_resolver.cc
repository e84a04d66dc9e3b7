#include "identity/identity_resolver.h"

#include <atomic>
#include <charconv>
#include <memory>

#include "core/text.h"
#include "identity/client_bindings.h"
#include "identity/sign_in.h"

namespace esafety::identity {
namespace {

std::atomic<uint64_t> g_next_instance{1};

// Names the person on `out`: their group if the snapshot has it (else the
// one the registry gave), with their sanctions applied.
void nameThePerson(ResolvedClient& out, const policy::Snapshot& snapshot, Source source,
                   int64_t person, std::string_view name, std::string_view group, int64_t now) {
  out.source = source;
  out.person_name.assign(name);
  policy::ClientIdentity& who = out.identity;
  who.user_id = person;
  who.user_name = out.person_name;
  if (const policy::GroupPolicy* g = snapshot.group(group)) who.group = g;
  who.account = snapshot.accountOf(person, now);
  who.group = snapshot.withSanction(who.group, who.account);
}

void reset(ResolvedClient& out) {
  out.identity = {};
  out.sign_in = SignIn::kNotNeeded;
  out.source = Source::kAddress;
  out.unknown_device = false;
  out.retry_after_s = 0;
  out.reason.clear();
  out.person_name.clear();
}

}  // namespace

IdentityResolver::IdentityResolver(SignInDesk* desk, const Clock& clock,
                                   std::string_view console_public_url)
    : desk_(desk),
      clock_(clock),
      console_url_(console_public_url),
      instance_(g_next_instance.fetch_add(1, std::memory_order_relaxed)) {
  std::string_view rest = console_public_url;
  const bool https = rest.starts_with("https://");
  if (auto scheme = rest.find("://"); scheme != std::string_view::npos) rest.remove_prefix(scheme + 3);
  rest = rest.substr(0, rest.find('/'));
  console_port_ = https ? 443 : 80;
  std::string_view host = rest;
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    host = close == std::string_view::npos ? std::string_view() : rest.substr(1, close - 1);
    if (close != std::string_view::npos && rest.substr(close + 1).starts_with(":")) {
      port = rest.substr(close + 2);
    }
  } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (!port.empty()) std::from_chars(port.data(), port.data() + port.size(), console_port_);
  console_host_ = asciiLower(host);
}

bool IdentityResolver::isConsole(const ClientRequest& request) const {
  if (console_host_.empty() || request.host != console_host_) return false;
  if (request.kind == RequestKind::kAddressOnly) return true;
  return (request.port == 0 ? 80 : request.port) == console_port_;
}

const SignInSettings& IdentityResolver::settings() const {
  // The desk's settings change on a policy reload; taking its mutex (and a
  // reference count) for every DNS query would put one lock under every
  // worker. Each thread keeps its own reference instead and compares the
  // generation, as policy::SnapshotReader does.
  struct Cached {
    uint64_t instance = 0;
    uint64_t generation = 0;
    std::shared_ptr<const SignInSettings> settings;
  };
  thread_local Cached cached;
  const uint64_t generation = desk_->settingsGeneration();  // before the read: never newer than it
  if (cached.instance != instance_ || cached.generation != generation || !cached.settings) {
    cached.settings = desk_->settings();
    cached.instance = instance_;
    cached.generation = generation;
  }
  return *cached.settings;
}

void IdentityResolver::resolve(const ClientRequest& request, const policy::Snapshot& snapshot,
                               ResolvedClient& out) const {
  resolveWith(request, snapshot, out, /*check_password=*/false);
}

void IdentityResolver::resolveCheckingPassword(const ClientRequest& request,
                                               const policy::Snapshot& snapshot,
                                               ResolvedClient& out) const {
  resolveWith(request, snapshot, out, /*check_password=*/true);
}

void IdentityResolver::resolveWith(const ClientRequest& request, const policy::Snapshot& snapshot,
                                   ResolvedClient& out, bool check_password) const {
  reset(out);
  const int64_t now = clock_.nowUnix();
  out.identity = snapshot.identify(request.address, now);
  out.unknown_device = out.identity.device == nullptr;
  if (out.identity.user_id != 0) {  // 1. a device lent to a pupil is the pupil
    out.source = Source::kCheckout;
    return;
  }
  if (desk_ == nullptr || isConsole(request)) return;  // 2.
  const SignInSettings& settings = this->settings();
  if (request.kind != RequestKind::kAddressOnly && settings.proxy_auth.allows(request.address)) {
    proxyLogin(request, snapshot, now, out, check_password);  // 3.
    return;
  }
  const bool bound = desk_->bindings().visit(request.address, now, [&](const ClientBinding& b) {
    nameThePerson(out, snapshot, Source::kPortal, b.person, b.person_name, b.group, now);
  });
  if (bound) return;  // 4.
  const bool must_sign_in = settings.sign_in.allows(request.address) ||
                            (out.unknown_device && settings.unknown_devices == UnknownDevices::kPortal);
  if (must_sign_in) askToSignIn(request, out);  // 5.
}

void IdentityResolver::proxyLogin(const ClientRequest& request, const policy::Snapshot& snapshot,
                                  int64_t now, ResolvedClient& out, bool check_password) const {
  const std::string ip = addressText(request.address);
  const bool registered = !out.unknown_device;
  if (request.kind == RequestKind::kInsideTls) {
    // The browser sent its credentials on the CONNECT, not inside the tunnel.
    auto who = desk_->recentProxyLogin(ip);
    if (!who) {
      out.sign_in = SignIn::kRefused;
      out.reason = "Your sign-in has ended: open the page again to sign in.";
      return;
    }
    nameThePerson(out, snapshot, Source::kProxyLogin, who->person, who->name, who->group, now);
    return;
  }
  auto credentials = parseBasicCredentials(request.proxy_authorization);
  if (!credentials) {
    out.sign_in = SignIn::kProxyCredentials;
    out.reason = "no credentials";
    return;
  }
  std::optional<ProxyAuthOutcome> outcome = desk_->cachedProxyCheck(*credentials, registered);
  if (!outcome && !check_password) {
    out.sign_in = SignIn::kPasswordCheck;
    return;
  }
  if (!outcome) outcome = desk_->checkProxyCredentials(*credentials, ip, registered);
  if (!outcome->who) {
    out.sign_in = SignIn::kProxyCredentials;
    out.retry_after_s = outcome->retry_after_s;
    out.reason = outcome->retry_after_s > 0 ? "too many wrong tries: wait, then try again"
                                            : outcome->status.message();
    return;
  }
  if (request.kind == RequestKind::kConnect) desk_->rememberProxyLogin(ip, *outcome->who);
  const VerifiedLogin& who = *outcome->who;
  nameThePerson(out, snapshot, Source::kProxyLogin, who.person, who.name, who.group, now);
}

void IdentityResolver::askToSignIn(const ClientRequest& request, ResolvedClient& out) const {
  switch (request.kind) {
    case RequestKind::kPageLoad:
      out.sign_in = SignIn::kPortalRedirect;
      return;
    case RequestKind::kConnect:
    case RequestKind::kInsideTls:
      // Browsers show their own error for a failed tunnel: no page of ours.
      out.sign_in = SignIn::kRefused;
      out.reason = "esafety: sign in at " + console_url_ + "/portal first";
      return;
    case RequestKind::kAddressOnly:
    case RequestKind::kPlainHttp:
      out.sign_in = SignIn::kSignInPage;
      return;
  }
}

}  // namespace esafety::identity
