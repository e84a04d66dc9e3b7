// PageInspector: the content-inspection pipeline for one response body, the
// one object the proxy needs. Feed it the body as it comes off the wire and
// ask after each chunk whether the page is over the group's limit yet:
//
//   if (!shouldInspect(content_type)) forward as is;
//   PageInspector page(db, {.content_type = ct, .content_encoding = ce});
//   for (auto chunk : body) {
//     page.feed(chunk);
//     if (page.overLimit(group.phrase_limit)) { block or cut; break; }
//     if (page.state() == InspectState::kFailed) { policy decides; break; }
//   }
//   page.finish();
//   event.scores = page.score().categories(limit);
//
// Pipeline: Content-Encoding decoder (gzip/deflate/br, capped) -> HTML text
// extraction (for HTML; other text goes straight on) -> TextNormalizer
// (charset from Content-Type, case folding, word breaks) -> PhraseScan
// (Vectorscan streaming) -> PageScore. Memory is bounded whatever the body:
// the decoder's 16 KB block, the normaliser's buffer (flushed to the scanner
// at every 64 KB and at the end of each feed()), Vectorscan's stream state
// and the per-page score tables.
//
// Not thread-safe: one per response, used from one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "inspect/content_decoder.h"
#include "inspect/html_text.h"
#include "inspect/page_score.h"
#include "inspect/phrase_scan.h"
#include "inspect/text_normalizer.h"

namespace esafety::inspect {

// e2guardian's default maxcontentfiltersize: 2 MiB of decoded body.
inline constexpr uint64_t kDefaultMaxScannedBytes = 2 * 1024 * 1024;

enum class BodyType : uint8_t { kHtml, kText, kOther };
// text/html and XHTML are kHtml; other text/*, JSON, XML and JavaScript are
// kText; anything else (images, video, archives) kOther.
BodyType bodyTypeFromContentType(std::string_view content_type);
inline bool shouldInspect(std::string_view content_type) {
  return bodyTypeFromContentType(content_type) != BodyType::kOther;
}
// The "charset" parameter of a Content-Type value, or "".
std::string_view charsetParameter(std::string_view content_type);

struct PageInspectorOptions {
  std::string_view content_type;      // the response's Content-Type header
  std::string_view content_encoding;  // the response's Content-Encoding header
  uint64_t max_scanned_bytes = kDefaultMaxScannedBytes;  // decoded bytes
};

enum class InspectState : uint8_t {
  kScanning,  // more may come
  kCapped,    // max_scanned_bytes were scanned; the rest is not looked at
  kFinished,  // finish() after a complete body
  kFailed,    // see decodeState() and error(); what was read is still scored
};
std::string_view inspectStateName(InspectState state);

class PageInspector {
 public:
  PageInspector(std::shared_ptr<const PhraseDatabase> db, const PageInspectorOptions& options);
  PageInspector(const PageInspector&) = delete;  // the decoder's sink points at this
  PageInspector& operator=(const PageInspector&) = delete;

  InspectState feed(std::string_view body_chunk);
  InspectState finish();

  InspectState state() const { return state_; }
  DecodeState decodeState() const { return decode_state_; }
  // Why the state is kFailed, for the log: "Content-Encoding ... truncated".
  const std::string& error() const { return error_; }

  const PageScore& score() const { return scan_.score(); }
  PageVerdict verdict(int32_t limit) const { return judgePage(score(), limit); }
  bool overLimit(int32_t limit) const {
    PageVerdict v = verdict(limit);
    return v == PageVerdict::kOverLimit || v == PageVerdict::kBanned;
  }
  uint64_t decodedBytes() const { return decoder_ ? decoder_->decodedBytes() : 0; }
  uint64_t textBytes() const { return scan_.bytesScanned(); }

 private:
  void decoded(std::string_view bytes);
  void flush();
  void fail(DecodeState state, std::string message);

  BodyType type_;
  TextNormalizer text_;
  HtmlTextExtractor html_;
  PhraseScan scan_;
  std::optional<ContentDecoder> decoder_;
  ContentDecoder::Sink sink_;
  InspectState state_ = InspectState::kScanning;
  DecodeState decode_state_ = DecodeState::kOk;
  std::string error_;
};

}  // namespace esafety::inspect
