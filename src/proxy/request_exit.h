// Private to src/proxy: the one exit every request ends through. Whatever
// the ending (a refusal, a block page, a sign-in answer, an error page, a
// relayed response, a cut page, a closed tunnel), finishRequest writes what
// is left to write, counts the ending (countEnding) and finishes the event,
// then says whether the connection may carry another request. A path that
// never reaches it (an exception, a cancellation at shutdown) still gets its
// event from the RequestRecord's destructor.
//
//   Outcome o = co_await runStages(request);      // request_stages.h
//   if (o.next == Next::kForward) o = ... forward it, relay the response;
//   if (o.next == Next::kDone) co_return finishDone(request, o);
//   co_return co_await finishRequest(client.stream, request, o);
#pragma once

#include <chrono>

#include "proxy/request_context.h"
#include "proxy/request_outcome.h"

namespace esafety::proxy {

// Ends the request as `outcome` (which must end it: Outcome::ends()) says.
// Returns true when the client connection may carry another request.
template <class Stream>
awaitable<bool> finishRequest(Stream& client, RequestContext& request, Outcome& outcome);
// The same for kDone, which has nothing left to write, without a wait:
// callers on the hot path (a relayed response) use it directly, and save
// finishRequest's coroutine frame.
bool finishDone(RequestContext& request, const Outcome& outcome);

// For what ends before there is a request to decide (a client outside the
// school networks, a head that is not HTTP, a CONNECT inside TLS): writes
// `response` within `timeout`, counts `tally` and finishes `record`.
template <class Stream>
awaitable<void> finishRefusal(Stream& client, RequestRecord& record, Response& response,
                              Tally tally, std::chrono::seconds timeout, uint64_t bytes_in = 0);

// The counting half of the exit, on its own for tests: the tally's counter,
// and for steps 9-11 (a blocked event whose step is one of them) the step
// counter (StepCounters, through the snapshot; may be null) and the
// proxy's own counter for the step.
void countEnding(ProxyShared& shared, Tally tally, const events::Event& event,
                 const policy::Snapshot* snapshot);

}  // namespace esafety::proxy
