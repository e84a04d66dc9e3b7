// identify (request_stages.h): who is asking, with the captive portal and
// proxy sign-in taken into account (client_identity.h).
#include "proxy/request_stages.h"

namespace esafety::proxy {

awaitable<Outcome> identify(RequestContext& request) {
  const RequestHead& head = request.request;
  const bool plain = !request.insideTls() && !request.connect();
  AccessRequest asked{
      .address = request.client_address,
      .proxy_authorization = std::string_view(head[http::field::proxy_authorization]),
      .connect = request.connect(),
      .inside_tls = request.insideTls(),
      .can_redirect = plain && (head.method() == http::verb::get || head.method() == http::verb::head),
      .url = request.target,
      .host = request.url->host,
      .port = request.url->port,
      .version = request.client_version};
  co_await identifyClient(request.access, *request.snapshot, asked, request.shared);
  request.record.setIdentity(request.access.who);
  co_return request.access.answer ? Outcome::signIn() : Outcome::proceed();
}

}  // namespace esafety::proxy
