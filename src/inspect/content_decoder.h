// ContentDecoder: undoes a response's Content-Encoding (gzip, deflate or br)
// as the body streams, and stops at a cap on the decoded bytes, so a
// compression bomb (1 KB that inflates to 1 GB) costs a bounded amount of
// time and memory: output goes out in pieces of at most kDecodeBlock bytes
// from one reused buffer.
//   - "deflate" is read as the zlib format (RFC 1950) or, when the first
//     bytes are not a zlib header, as raw deflate (RFC 1951): servers send both.
//   - gzip bodies of several members are read to the end.
//   - damaged data is kCorrupt, a body that ends early kTruncated, a coding we
//     do not read (or a chain of several) kUnsupported. These are values: the
//     caller decides whether the page passes or is blocked.
//
//   auto coding = parseContentEncoding(headers["Content-Encoding"]);
//   ContentDecoder decoder(*coding, 4 << 20);
//   DecodeState s = decoder.feed(chunk, [&](std::string_view text) { scan(text); });
//   if (s == DecodeState::kCapped) ...   // the rest is not decoded
//   s = decoder.finish();                 // kTruncated if the stream did not end
//
// Not thread-safe; one per response.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace esafety::inspect {

enum class ContentCoding : uint8_t { kIdentity, kGzip, kDeflate, kBrotli };

// "gzip", "x-gzip", "deflate", "br", "identity" or empty; case and spaces do
// not matter, and "identity" entries in a list are skipped. Anything else,
// or two codings at once ("gzip, br"), is an invalid-argument error naming it.
Result<ContentCoding> parseContentEncoding(std::string_view header);
std::string_view contentCodingName(ContentCoding coding);

enum class DecodeState : uint8_t {
  kOk,           // decoding; everything so far was handed on
  kCapped,       // the cap was reached: output stops, the rest is skipped
  kCorrupt,      // the data is not in the coding it claims
  kTruncated,    // finish() came before the end of the compressed stream
  kUnsupported,  // a coding we do not decode
};
std::string_view decodeStateName(DecodeState state);

inline constexpr size_t kDecodeBlock = 16 * 1024;

class ContentDecoder {
 public:
  using Sink = std::function<void(std::string_view)>;

  ContentDecoder(ContentCoding coding, uint64_t max_output);
  ~ContentDecoder();
  ContentDecoder(const ContentDecoder&) = delete;
  ContentDecoder& operator=(const ContentDecoder&) = delete;

  // Decodes `input`, handing decoded bytes to `sink` (at most the cap in all).
  // Once the state is not kOk, further input is ignored and the state kept.
  DecodeState feed(std::string_view input, const Sink& sink);
  // The body has ended.
  DecodeState finish();

  ContentCoding coding() const { return coding_; }
  DecodeState state() const { return state_; }
  uint64_t decodedBytes() const { return decoded_; }
  // Why the state is kCorrupt, from zlib or brotli.
  const std::string& error() const { return error_; }

 private:
  class Codec;
  class ZlibCodec;
  class BrotliCodec;

  // Hands on at most what the cap still allows; returns false once capped.
  bool emit(const char* data, size_t size, const Sink& sink);

  ContentCoding coding_;
  uint64_t max_output_;
  uint64_t decoded_ = 0;
  bool fed_ = false;  // some input came
  DecodeState state_ = DecodeState::kOk;
  std::string error_;
  std::unique_ptr<Codec> codec_;
  std::string pending_;               // deflate's first byte, when it came alone
  std::unique_ptr<uint8_t[]> block_;  // kDecodeBlock bytes, reused
};

}  // namespace esafety::inspect
