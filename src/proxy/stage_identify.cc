// identify (request_stages.h): who is asking, with the captive portal and
// proxy sign-in taken into account (client_identity.h).
#include "proxy/request_stages.h"

namespace esafety::proxy {

AccessRequest accessRequestFor(const RequestContext& request) {
  const RequestHead& head = request.request;
  const bool plain = !request.insideTls() && !request.connect();
  return {.address = request.client_address,
          .proxy_authorization = std::string_view(head[http::field::proxy_authorization]),
          .connect = request.connect(),
          .inside_tls = request.insideTls(),
          .can_redirect = plain && (head.method() == http::verb::get || head.method() == http::verb::head),
          .url = request.target,
          .host = request.url->host,
          .port = request.url->port,
          .version = request.client_version};
}

Outcome identified(RequestContext& request) {
  request.record.setIdentity(request.access.who);
  return request.access.answer ? Outcome::signIn() : Outcome::proceed();
}

awaitable<Outcome> identify(RequestContext& request) {
  co_await identifyClient(request.access, *request.snapshot, accessRequestFor(request), request.shared);
  co_return identified(request);
}

}  // namespace esafety::proxy
