// handleHttp: one plain-HTTP request, or one inside an inspected CONNECT,
// through the stages (request_stages.h): decided before anything goes to the
// site, then forwarded and its response relayed back with bounded memory (64
// KB at a time, whatever the size), and ended through the one exit.
#include "proxy/request_exit.h"
#include "proxy/request_stages.h"
#include "proxy/response_relay.h"

namespace esafety::proxy {

template <class Stream>
awaitable<bool> handleHttp(ClientIo<Stream>& client, RequestParser& parser, ProxyShared& shared,
                           WorkerState& worker) {
  shared.stats.requests.fetch_add(1, std::memory_order_relaxed);
  RequestRecord record(shared, client.address);
  events::Event& event = record.event();
  event.kind = events::EventKind::kHttp;
  event.method.assign(std::string_view(parser.get().method_string()));
  event.setUrl(parser.get().target());
  RequestContext request(shared, record, worker.scratch, parser.get(), client.address, client.origin);
  request.snapshot = worker.reader.share();
  Outcome outcome = co_await runStages(request);
  if (outcome.next == Next::kForward) {
    Exchange<Stream> exchange;  // the site's connection and its response head
    co_await exchangeWithSite(exchange, client, parser, request, worker);
    if (exchange.ended.ends()) {
      outcome = std::move(exchange.ended);
    } else {
      outcome = co_await relayResponse(client, request, exchange, worker);
    }
  }
  if (outcome.next == Next::kDone) co_return finishDone(request, outcome);  // nothing left to write
  co_return co_await finishRequest(client.stream, request, outcome);
}

template awaitable<bool> handleHttp(ClientIo<beast::tcp_stream>&, RequestParser&, ProxyShared&,
                                    WorkerState&);
template awaitable<bool> handleHttp(ClientIo<TlsClientStream>&, RequestParser&, ProxyShared&,
                                    WorkerState&);

}  // namespace esafety::proxy
