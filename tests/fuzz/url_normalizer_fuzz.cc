// Fuzzes normalizeUrl(): any input must give a value or an error, never a
// crash, and a normalised URL must normalise to itself.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "classify/url.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace esafety::classify;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto url = normalizeUrl(input);
  if (!url) return 0;
  if (url->host.size() > kMaxHostLength) std::abort();
  auto again = normalizeUrl(url->toString());
  if (!again || again->toString() != url->toString()) std::abort();
  return 0;
}
