// Pages for when the filter allowed a site but could not fetch it: the name
// did not resolve, the server refused or timed out, the connection was cut
// mid-page, TLS failed, or the reply was not HTTP. Each kind has its own plain
// title and advice, because "502 Bad Gateway" helps nobody in a classroom.
//
//   RenderedPage page = renderUpstreamErrorPage(UpstreamError::kTimeout,
//                                               "slow.example", "no reply in 30 s");
//   // page.status == 504; send page.html with pageHeaders()
//
// `host` and `detail` are untrusted (the detail may quote the server) and are
// cut and escaped. The detail sits in a closed "Technical details" section
// for whoever helps.
//
// kConnectionReset is for a cut before any byte reached the client; after
// that, the proxy can only close the connection (DESIGN.md §3 step 6).
//
// Pure functions; safe from any thread.
#pragma once

#include <string_view>

#include "pages/rendered_page.h"

namespace esafety::pages {

enum class UpstreamError {
  kDnsFailure,         // the name does not exist, or DNS did not answer
  kConnectionRefused,  // the server refused the connection (or was unreachable)
  kTimeout,            // connecting, or waiting for the reply, took too long
  kConnectionReset,    // the server cut the connection part-way through
  kTlsFailure,         // no secure connection: bad certificate, handshake failed
  kBadResponse,        // the reply was not valid HTTP, or broke a limit
};

// "dns-failure", "connection-refused", "timeout", "connection-reset",
// "tls-failure", "bad-response": for logs and the technical details.
std::string_view upstreamErrorName(UpstreamError kind);

// 504 for kTimeout, otherwise 502.
int upstreamErrorStatus(UpstreamError kind);

RenderedPage renderUpstreamErrorPage(UpstreamError kind, std::string_view host,
                                     std::string_view detail);

}  // namespace esafety::pages
