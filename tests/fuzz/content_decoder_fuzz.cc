// Fuzzes the Content-Encoding decoder (src/inspect/content_decoder.h): the
// first byte picks the coding and a chunk size, the rest is the body. The
// decoder must stay within its cap and its block size, whatever the input.
#include <cstdint>
#include <string_view>

#include "inspect/content_decoder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace esafety::inspect;
  if (size == 0) return 0;
  auto coding = static_cast<ContentCoding>(data[0] % 4);
  size_t chunk = 1 + (data[0] >> 2) * 64;
  constexpr uint64_t kCap = 1 << 20;
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  ContentDecoder decoder(coding, kCap);
  uint64_t seen = 0;
  auto sink = [&](std::string_view piece) {
    if (piece.empty() || (coding != ContentCoding::kIdentity && piece.size() > kDecodeBlock)) {
      __builtin_trap();
    }
    seen += piece.size();
  };
  for (size_t at = 0; at < body.size(); at += chunk) decoder.feed(body.substr(at, chunk), sink);
  decoder.finish();
  if (seen > kCap || seen != decoder.decodedBytes()) __builtin_trap();
  return 0;
}
