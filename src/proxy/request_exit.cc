#include "proxy/request_exit.h"

#include <cassert>

#include "proxy/tls_streams.h"

namespace esafety::proxy {

void countEnding(ProxyShared& shared, Tally tally, const events::Event& event,
                 const policy::Snapshot* snapshot) {
  ProxyStats& stats = shared.stats;
  switch (tally) {
    case Tally::kNone: break;
    case Tally::kBadRequest: stats.bad_requests.fetch_add(1, std::memory_order_relaxed); break;
    case Tally::kBlocked: stats.blocked.fetch_add(1, std::memory_order_relaxed); break;
    case Tally::kUpstreamError: stats.upstream_errors.fetch_add(1, std::memory_order_relaxed); break;
  }
  if (event.verdict != policy::Verdict::kBlock || !policy::isInspectionStep(event.step)) return;
  if (snapshot != nullptr) snapshot->countStep(event.step);
  switch (event.step) {
    case policy::StepId::kContent: stats.pages_blocked_by_score.fetch_add(1, std::memory_order_relaxed); break;
    case policy::StepId::kContentCut: stats.pages_cut_by_score.fetch_add(1, std::memory_order_relaxed); break;
    case policy::StepId::kSearchTerm: stats.searches_blocked.fetch_add(1, std::memory_order_relaxed); break;
    default: break;
  }
}

bool finishDone(RequestContext& request, const Outcome& outcome) {
  countEnding(request.shared, outcome.tally, request.record.event(), request.snapshot.get());
  request.record.finish(outcome.status, outcome.bytes_in, outcome.bytes_out);
  return outcome.keep_alive;
}

template <class Stream>
awaitable<bool> finishRequest(Stream& client, RequestContext& request, Outcome& outcome) {
  assert(outcome.ends());
  const auto timeout = seconds(request.shared.config.proxy.idle_timeout_s);
  RequestRecord& record = request.record;
  if (outcome.next == Next::kSignIn) {
    co_return co_await answerSignIn(client, request.access, record, timeout);
  }
  if (outcome.next != Next::kRespond) co_return finishDone(request, outcome);
  countEnding(request.shared, outcome.tally, record.event(), request.snapshot.get());
  size_t n = co_await writeResponse(client, *outcome.response, timeout);
  record.finish(static_cast<uint16_t>(outcome.response->result_int()), outcome.bytes_in, n);
  co_return outcome.keep_alive && n > 0;
}

template <class Stream>
awaitable<void> finishRefusal(Stream& client, RequestRecord& record, Response& response,
                              Tally tally, std::chrono::seconds timeout, uint64_t bytes_in) {
  record.event().verdict = policy::Verdict::kBlock;
  // No snapshot: nothing was decided, so no step to count.
  countEnding(record.shared(), tally, record.event(), nullptr);
  size_t n = co_await writeResponse(client, response, timeout);
  record.finish(static_cast<uint16_t>(response.result_int()), bytes_in, n);
}

template awaitable<bool> finishRequest(beast::tcp_stream&, RequestContext&, Outcome&);
template awaitable<bool> finishRequest(TlsClientStream&, RequestContext&, Outcome&);
template awaitable<void> finishRefusal(beast::tcp_stream&, RequestRecord&, Response&, Tally,
                                       std::chrono::seconds, uint64_t);
template awaitable<void> finishRefusal(TlsClientStream&, RequestRecord&, Response&, Tally,
                                       std::chrono::seconds, uint64_t);

}  // namespace esafety::proxy
