// Private to src/serve: what the console listener decides from a request's
// head, before it reads any body (issue 19: a 86 MB upload without a session
// is refused after its head, never read into memory):
//
//   1. who the client is (ConsoleGate: a trusted proxy's X-Forwarded-For);
//   2. that it may reach the console at all, under this Host (ConsoleGate);
//   3. for the JSON API, the route, the session, its permission and the
//      CSRF token (ConsoleWeb::refuseHead, the ApiRouter's own checks);
//   4. how large a body the route takes: a list file (64 MB as base64 JSON)
//      on POST /api/v1/lists, 4 MB on other signed-in API routes, 16 KB for
//      the block page's buttons and 64 KB on everything else (sign-in, the
//      portal).
//
//   HeadScreen screen = screenHead(gate, web, head, peer_bytes, metrics);
//   if (screen.refusal) { write(*screen.refusal); close(); }
//   parser.body_limit(screen.body_limit);
//
// Console thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include <boost/beast/http.hpp>

#include "core/metrics.h"
#include "serve/console_gate.h"
#include "serve/console_web.h"

namespace esafety::serve {

using ConsoleRequest = boost::beast::http::request<boost::beast::http::string_body>;
using ConsoleResponse = boost::beast::http::response<boost::beast::http::string_body>;

// 64 MB as base64 (4/3), with room for the JSON around it.
inline constexpr uint64_t kListUploadBodyLimit = 64ull * 1024 * 1024 / 3 * 4 + 1024 * 1024;
inline constexpr uint64_t kSignedInBodyLimit = 4ull * 1024 * 1024;
inline constexpr uint64_t kPublicBodyLimit = 64 * 1024;

struct HeadScreen {
  std::optional<ConsoleResponse> refusal;  // send it and close, reading nothing more
  ConsoleGate::Client client;              // who asks (after X-Forwarded-For)
  uint64_t body_limit = kPublicBodyLimit;
};

// `head` has its header only; `body_pending` says a body follows it.
HeadScreen screenHead(const ConsoleGate& gate, ConsoleWeb& web, const ConsoleRequest& head,
                      bool body_pending, std::span<const uint8_t> peer, MetricsRegistry& metrics);

// Every response the console listener sends that has no policy of its own
// gets a strict Content-Security-Policy (nothing but inline style and data:
// images, no framing, forms only to the console) and nosniff.
void hardenResponse(ConsoleResponse& res);

// A plain-text response, not kept alive.
ConsoleResponse plainResponse(boost::beast::http::status status, std::string_view content_type,
                              std::string body);

}  // namespace esafety::serve
