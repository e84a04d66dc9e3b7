#include "proxy/client_identity.h"

#include <boost/asio/io_context.hpp>

#include "identity/sign_in.h"

#include "proxy/request_record.h"
#include "proxy/session_io.h"
#include "proxy/sign_in_responses.h"
#include "proxy/tls_streams.h"

namespace esafety::proxy {
namespace {

identity::RequestKind kindOf(const AccessRequest& request) {
  if (request.connect) return identity::RequestKind::kConnect;
  if (request.inside_tls) return identity::RequestKind::kInsideTls;
  return request.can_redirect ? identity::RequestKind::kPageLoad : identity::RequestKind::kPlainHttp;
}

}  // namespace

awaitable<void> identifyClient(ClientAccess& out, const policy::Snapshot& snapshot,
                               const AccessRequest& request, ProxyShared& shared) {
  const identity::IdentityResolver* resolver = shared.identity;
  if (resolver == nullptr) {  // no sign-in at all: the registry and check-outs
    out.who = snapshot.identify(request.address);
    co_return;
  }
  const identity::ClientRequest asked{.address = request.address,
                                      .kind = kindOf(request),
                                      .proxy_authorization = request.proxy_authorization,
                                      .host = request.host,
                                      .port = request.port};
  resolver->resolve(asked, snapshot, out.resolved);
  if (out.resolved.sign_in == identity::SignIn::kPasswordCheck) {
    // argon2id takes ~0.1 s and 64 MiB: never on a worker's thread, but on
    // the pool the console and the portal share, bounded: when it is full
    // the browser is asked for its credentials again, to retry shortly.
    identity::PasswordCheckPool& pool = resolver->desk()->passwordPool();
    auto ticket = pool.admit(identity::addressText(request.address));
    if (!ticket) {
      out.resolved.sign_in = identity::SignIn::kProxyCredentials;
      out.resolved.retry_after_s = identity::PasswordCheckPool::kRetryAfterSeconds;
      out.resolved.reason = "the server is busy checking passwords: try again in a moment";
      out.who = out.resolved.identity;
      out.answer = signInAnswer(out.resolved, resolver->consoleUrl(), request.url, request.address,
                                request.version);
      co_return;
    }
    co_await asio::co_spawn(
        pool.context(),
        [&]() -> awaitable<void> {
          resolver->resolveCheckingPassword(asked, snapshot, out.resolved);
          co_return;
        },
        asio::use_awaitable);
  }
  out.who = out.resolved.identity;
  out.answer = signInAnswer(out.resolved, resolver->consoleUrl(), request.url, request.address,
                            request.version);
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
