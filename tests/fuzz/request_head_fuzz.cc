// libFuzzer target for the proxy's request-head reader (the pure half,
// proxy/request_head_parse.h): every byte of a request head comes from an
// untrusted client, and proxies that disagree with the site about where a
// head ends or how a body is framed are how requests get smuggled. The input
// is parsed whole and cut at every length up to 64 bytes, as the proxy sees
// it while reading. Checks: no crash, no read out of bounds (ASan), no
// undefined behaviour (UBSan); an accepted head used at most the bytes given
// and never more than the limit; it has no obs-fold and its
// Transfer-Encoding, if any, is exactly "chunked"; no input is told to
// "read more" once it has reached the limit.
//
//   cmake --preset fuzz && cmake --build --preset fuzz --target request_head_fuzz
//   build/fuzz/tests/fuzz/request_head_fuzz -max_total_time=60 tests/fuzz/corpus/request_head_fuzz
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "proxy/request_head_parse.h"

using namespace esafety::proxy;

namespace {

constexpr uint32_t kLimit = 4096;

void check(bool ok) {
  if (!ok) std::abort();
}

void parseOnce(std::string_view bytes) {
  RequestParser parser;
  parser.header_limit(kLimit);
  parser.body_limit(boost::none);
  boost::system::error_code error;
  auto head = parseRequestHead(bytes, parser, kLimit, error);
  if (!head) {
    check(bytes.size() < kLimit);  // "read more" only while under the limit
    return;
  }
  if (head->result != HeadResult::kOk) return;
  check(head->used > 0 && head->used <= bytes.size() && head->used <= kLimit);
  check(parser.is_header_done());
  std::string_view used = bytes.substr(0, head->used);
  check(used.find("\n ") == std::string_view::npos && used.find("\n\t") == std::string_view::npos);
  check(acceptableTransferEncoding(parser.get().base()));
  if (parser.get().chunked()) check(parser.get().count(boost::beast::http::field::transfer_encoding) == 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  parseOnce(bytes);
  for (size_t cut = 0; cut < size && cut < 64; ++cut) parseOnce(bytes.substr(0, cut));
  return 0;
}
