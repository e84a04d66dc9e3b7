// Private to src/proxy, included by response_relay.cc only: relays a response
// body from the site to the client while a PageInspector scans it, holding
// the first `hold_bytes` back so a page over the group's limit can still be
// answered with the block page.
//
//   inspect::PageInspector page(db, {.content_type = ..., .content_encoding = ...});
//   ScanRelayResult r = co_await relayScanned(upstream, upstream_buffer, parser, client,
//                                             page, {.limit = 50, .hold_bytes = 256 << 10, ...});
//   switch (r.outcome) {
//     case ScanOutcome::kBlocked: send the block page (nothing has gone out); break;
//     case ScanOutcome::kCut:     close the client connection and log it; break;
//     ...
//   }
//
// Memory: the held bytes (at most hold_bytes plus one 64 KB read) and the
// inspector's bounded state, whatever the body's size. Bytes past the hold
// are scanned before they are written, so the piece that tips a page over
// the limit is never sent. Once the inspector stops (max_scanned_bytes
// reached, or a body it cannot decode) the rest streams unscanned.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include "inspect/page_inspector.h"
#include "proxy/message_head.h"
#include "proxy/relay_buffer.h"
#include "proxy/scan_outcome.h"
#include "proxy/session_io.h"

namespace esafety::proxy {

struct ScanRelayOptions {
  int32_t limit = 0;      // the group's phrase limit
  size_t hold_bytes = 0;  // held back before the first byte goes out
  std::chrono::seconds input_timeout{60};
  std::chrono::seconds output_timeout{60};
};

namespace scan_detail {

constexpr size_t kPiece = RelayBuffer::kSize;

// Reads the next piece of the body into `piece`; returns the error and the
// bytes read (which may be 0 with no error, e.g. the end of a chunked body).
template <class Input>
awaitable<std::pair<boost::system::error_code, size_t>> readPiece(
    Input& input, beast::flat_buffer& buffer, http::response_parser<http::buffer_body>& parser,
    char* piece, std::chrono::seconds timeout) {
  parser.get().body().data = piece;
  parser.get().body().size = kPiece;
  beast::get_lowest_layer(input).expires_after(timeout);
  auto [ec, n] = co_await http::async_read(input, buffer, parser, kTuple);
  if (ec == http::error::need_buffer) ec = {};
  co_return std::pair{ec, kPiece - parser.get().body().size};
}

inline void scanPiece(inspect::PageInspector& page, std::string_view piece, bool last) {
  if (page.state() != inspect::InspectState::kScanning) return;
  if (!piece.empty()) page.feed(piece);
  if (last && page.state() == inspect::InspectState::kScanning) page.finish();
}

}  // namespace scan_detail

template <class Input, class Output>
awaitable<ScanRelayResult> relayScanned(Input& input, beast::flat_buffer& buffer,
                                        http::response_parser<http::buffer_body>& parser,
                                        Output& output, inspect::PageInspector& page,
                                        const ScanRelayOptions& options) {
  ScanRelayResult result;
  RelayBuffer piece;
  const bool has_body = !parser.is_done();

  // Hold the start of the page back while it is scanned. A site that fails
  // part-way still gets its head and what was held sent, then the cut, as
  // the unscanned relay does: the browser sees a broken page, not a new one.
  std::string held;
  boost::system::error_code held_error;
  while (!parser.is_done() && held.size() < options.hold_bytes) {
    auto [ec, n] = co_await scan_detail::readPiece(input, buffer, parser, piece.data(),
                                                   options.input_timeout);
    if (ec) {
      held_error = ec;
      break;
    }
    held.append(piece.data(), n);
    scan_detail::scanPiece(page, {piece.data(), n}, parser.is_done());
    if (page.overLimit(options.limit)) {
      result.outcome = ScanOutcome::kBlocked;
      co_return result;
    }
  }
  if (parser.is_done() && !held_error) scan_detail::scanPiece(page, {}, true);
  if (page.overLimit(options.limit)) {
    result.outcome = ScanOutcome::kBlocked;
    co_return result;
  }

  // Send the head and what was held, then the rest piece by piece, each
  // scanned before it is written.
  OutgoingMessage out(parser.get(), has_body);
  std::string_view next = held;
  for (;;) {
    auto pieces = out.pieces(next, parser.is_done());
    if (!pieces.empty()) {
      beast::get_lowest_layer(output).expires_after(options.output_timeout);
      auto [wec, written] = co_await asio::async_write(output, pieces, kTuple);
      result.bytes += written;
      if (wec) {
        result.outcome = ScanOutcome::kOutputFailed;
        result.error = wec;
        co_return result;
      }
    }
    if (parser.is_done()) break;
    if (held_error) {
      result.outcome = ScanOutcome::kInputFailed;
      result.error = held_error;
      co_return result;
    }
    auto [ec, n] = co_await scan_detail::readPiece(input, buffer, parser, piece.data(),
                                                   options.input_timeout);
    if (ec) {
      result.outcome = ScanOutcome::kInputFailed;
      result.error = ec;
      co_return result;
    }
    scan_detail::scanPiece(page, {piece.data(), n}, parser.is_done());
    if (page.overLimit(options.limit)) {
      result.outcome = ScanOutcome::kCut;
      co_return result;
    }
    next = {piece.data(), n};
  }
  co_return result;
}

}  // namespace esafety::proxy
