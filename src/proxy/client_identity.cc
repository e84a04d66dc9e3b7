#include "proxy/client_identity.h"

#include <boost/asio/thread_pool.hpp>

#include "identity/client_bindings.h"
#include "identity/sign_in.h"
#include "proxy/request_record.h"
#include "proxy/session_io.h"
#include "proxy/tls_streams.h"
#include "proxy/sign_in_responses.h"

namespace esafety::proxy {
namespace {

// argon2id takes ~0.1 s and 64 MiB: never on a worker's thread, and one at a
// time, so a burst of new credentials cannot take the memory of many.
asio::thread_pool& verifierPool() {
  static asio::thread_pool pool(1);
  return pool;
}

// The person's sanctions in force now, from the snapshot (as
// Snapshot::identify does for a checked-out pupil).
policy::AccountState sanctionsOf(const policy::Snapshot& snapshot, int64_t person, int64_t now) {
  policy::AccountState account;
  for (const policy::UserSanction& s : snapshot.sanctions()) {
    if (s.user_id != person || now < s.from || (s.until != 0 && now >= s.until)) continue;
    account.deactivated |= s.deactivated;
    account.restricted |= s.restricted;
  }
  return account;
}

void nameThePerson(ClientAccess& out, const policy::Snapshot& snapshot, int64_t person,
                   std::string_view name, std::string_view group, int64_t now) {
  out.user_name.assign(name);
  out.who.user_id = person;
  out.who.user_name = out.user_name;
  if (const policy::GroupPolicy* g = snapshot.group(group)) out.who.group = g;
  out.who.account = sanctionsOf(snapshot, person, now);
  if ((out.who.account.deactivated || out.who.account.restricted) && out.who.group != nullptr) {
    auto copy = std::make_shared<policy::GroupPolicy>(*out.who.group);
    copy->sanction.deactivated = out.who.account.deactivated;
    copy->sanction.restricted = !out.who.account.deactivated && out.who.account.restricted;
    out.sanctioned_group = std::move(copy);
    out.who.group = out.sanctioned_group.get();
  }
}

// True for a request to the console itself (its host and port).
bool isConsole(std::string_view public_url, std::string_view host, uint16_t port) {
  std::string_view rest = public_url;
  bool https = rest.starts_with("https://");
  if (auto scheme = rest.find("://"); scheme != std::string_view::npos) rest.remove_prefix(scheme + 3);
  rest = rest.substr(0, rest.find('/'));
  uint16_t console_port = https ? 443 : 80;
  std::string_view console_host = rest;
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    console_host = rest.substr(1, close == std::string_view::npos ? 0 : close - 1);
    rest.remove_prefix(close == std::string_view::npos ? rest.size() : close + 1);
    if (rest.starts_with(":")) console_port = static_cast<uint16_t>(std::atoi(std::string(rest.substr(1)).c_str()));
  } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    console_host = rest.substr(0, colon);
    console_port = static_cast<uint16_t>(std::atoi(std::string(rest.substr(colon + 1)).c_str()));
  }
  if (port == 0) port = 80;
  return !console_host.empty() && console_host == host && console_port == port;
}

}  // namespace

awaitable<void> identifyClient(ClientAccess& out, const policy::Snapshot& snapshot,
                               const AccessRequest& request, ProxyShared& shared) {
  out.who = snapshot.identify(request.address);
  identity::SignInDesk* desk = shared.sign_in;
  if (desk == nullptr || out.who.user_id != 0) co_return;  // a device lent to a pupil is the pupil
  auto settings = desk->settings();
  const std::string& console = shared.config.console.public_url;
  if (isConsole(console, request.host, request.port)) co_return;
  const int64_t now = shared.clock.nowUnix();
  const std::string ip = identity::addressText(request.address);
  const bool registered = out.who.device != nullptr;

  if (settings->proxy_auth.allows(request.address)) {
    std::optional<identity::VerifiedLogin> who;
    if (request.inside_tls) {
      who = desk->recentProxyLogin(ip);
      if (!who) {
        out.answer = plainResponse(http::status::forbidden,
                                   "Your sign-in has ended: open the page again to sign in.",
                                   request.version);
        co_return;
      }
    } else {
      auto credentials = identity::parseBasicCredentials(request.proxy_authorization);
      if (!credentials) {
        out.answer = proxyAuthRequired("no credentials", request.version);
        co_return;
      }
      std::optional<identity::ProxyAuthOutcome> outcome = desk->cachedProxyCheck(*credentials, registered);
      if (!outcome) {
        outcome = co_await asio::co_spawn(
            verifierPool(),
            [&]() -> awaitable<std::optional<identity::ProxyAuthOutcome>> {
              co_return desk->checkProxyCredentials(*credentials, ip, registered);
            },
            asio::use_awaitable);
      }
      {
        if (!outcome->who) {
          out.answer = proxyAuthRequired(outcome->retry_after_s > 0 ? "too many wrong tries: wait, then try again"
                                                                    : outcome->status.message(),
                                         request.version);
          if (outcome->retry_after_s > 0) {
            out.answer->set(http::field::retry_after, std::to_string(outcome->retry_after_s));
          }
          co_return;
        }
        who = std::move(outcome->who);
      }
      if (request.connect) desk->rememberProxyLogin(ip, *who);
    }
    nameThePerson(out, snapshot, who->person, who->name, who->group, now);
    co_return;
  }

  if (auto binding = desk->bindings().find(ip, now)) {
    nameThePerson(out, snapshot, binding->person, binding->person_name, binding->group, now);
    co_return;
  }
  const bool unknown = !registered;
  const bool must_sign_in = settings->sign_in.allows(request.address) ||
                            (unknown && settings->unknown_devices == identity::UnknownDevices::kPortal);
  if (!must_sign_in) co_return;
  if (request.connect || request.inside_tls) {
    out.answer = plainResponse(http::status::forbidden,
                               "esafety: sign in at " + console + "/portal first", request.version);
  } else if (request.can_redirect) {
    out.answer = portalRedirect(console, request.url, request.version);
  } else {
    out.answer = signInPage(console, unknown, ip, request.version);
  }
}

template <class Stream>
awaitable<bool> answerSignIn(Stream& stream, ClientAccess& access, RequestRecord& record,
                             std::chrono::seconds timeout) {
  record.event().verdict = policy::Verdict::kBlock;
  record.event().category.assign("sign-in");
  size_t n = co_await writeResponse(stream, *access.answer, timeout);
  record.finish(static_cast<uint16_t>(access.answer->result_int()), 0, n);
  co_return false;
}

template awaitable<bool> answerSignIn(beast::tcp_stream&, ClientAccess&, RequestRecord&,
                                      std::chrono::seconds);
template awaitable<bool> answerSignIn(TlsClientStream&, ClientAccess&, RequestRecord&,
                                      std::chrono::seconds);

}  // namespace esafety::proxy
